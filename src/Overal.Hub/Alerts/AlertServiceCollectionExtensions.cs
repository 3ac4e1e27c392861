namespace Overal.Hub.Alerts;

public static class AlertServiceCollectionExtensions
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Alerts").Get<AlertOptions>() ?? new AlertOptions());
        services.AddSingleton<AlertBoard>();
        services.AddHttpClient(AlertNotifier.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<AlertEvaluator>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertEvaluator>());
        return services;
    }
}
