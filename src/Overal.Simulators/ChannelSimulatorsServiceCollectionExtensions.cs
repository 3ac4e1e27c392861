using Overal.Simulators.Control;
using Overal.Simulators.Lightspeed;
using Overal.Simulators.Meta;
using Overal.Simulators.Shopify;
using Overal.Simulators.Zalando;

namespace Overal.Simulators;

public static class ChannelSimulatorsServiceCollectionExtensions
{
    /// <summary>Registers every channel simulator as a singleton <see cref="IChannelSimulator"/>.</summary>
    public static IServiceCollection AddChannelSimulators(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddShopifySimulator();
        services.AddLightspeedSimulator();
        services.AddOptions<ZalandoSimulatorOptions>().BindConfiguration(ZalandoSimulatorOptions.Section);
        services.AddSingleton<ZalandoSimulator>().AddSingleton<IChannelSimulator>(sp => sp.GetRequiredService<ZalandoSimulator>());
        services.AddOptions<MetaSimulatorOptions>().BindConfiguration(MetaSimulatorOptions.Section);
        services.AddSingleton<MetaSimulator>().AddSingleton<IChannelSimulator>(sp => sp.GetRequiredService<MetaSimulator>());
        services.AddOptions<Bol.BolSimulatorOptions>().BindConfiguration(Bol.BolSimulatorOptions.Section);
        services.AddSingleton<Bol.BolSimulator>().AddSingleton<IChannelSimulator>(sp => sp.GetRequiredService<Bol.BolSimulator>());
        services.AddOptions<Amazon.AmazonSimulatorOptions>().BindConfiguration(Amazon.AmazonSimulatorOptions.Section);
        services.AddSingleton<Amazon.AmazonSimulator>().AddSingleton<IChannelSimulator>(sp => sp.GetRequiredService<Amazon.AmazonSimulator>());
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
