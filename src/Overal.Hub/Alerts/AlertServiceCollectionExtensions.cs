namespace Overal.Hub.Alerts;

public static class AlertServiceCollectionExtensions
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Alerts").Get<AlertOptions>() ?? new AlertOptions());
        services.AddSingleton<AlertBoard>();
        services.AddHostedService<AlertEvaluator>();
        return services;
    }
}
