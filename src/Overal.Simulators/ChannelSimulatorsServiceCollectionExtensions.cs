using Overal.Simulators.Control;

namespace Overal.Simulators;

public static class ChannelSimulatorsServiceCollectionExtensions
{
    /// <summary>Registers every channel simulator as a singleton <see cref="IChannelSimulator"/>.</summary>
    public static IServiceCollection AddChannelSimulators(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        // Each channel folder adds its simulator here, e.g. services.AddSingleton<IChannelSimulator, ShopifySimulator>();
        services.AddOptions<Bol.BolSimulatorOptions>().BindConfiguration(Bol.BolSimulatorOptions.Section);
        services.AddSingleton<IChannelSimulator, Bol.BolSimulator>();
        services.AddOptions<Amazon.AmazonSimulatorOptions>().BindConfiguration(Amazon.AmazonSimulatorOptions.Section);
        services.AddSingleton<IChannelSimulator, Amazon.AmazonSimulator>();
        return services;
    }

    /// <summary>Maps each simulator under /{name} and the control API under /_control.</summary>
    public static IEndpointRouteBuilder MapChannelSimulators(this IEndpointRouteBuilder routes, string prefix = "")
    {
        var simulators = routes.ServiceProvider.GetServices<IChannelSimulator>().ToList();
        var root = routes.MapGroup(prefix);
        foreach (var sim in simulators)
        {
            sim.Map(root.MapGroup("/" + sim.Name));
        }
        root.MapControlEndpoints(simulators);
        return routes;
    }
}
