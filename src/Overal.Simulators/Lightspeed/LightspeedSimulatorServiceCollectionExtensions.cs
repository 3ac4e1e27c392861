using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Overal.Simulators.Lightspeed;

public static class LightspeedSimulatorServiceCollectionExtensions
{
    /// <summary>Registers the Lightspeed X-Series simulator with options bound from <c>Simulators:Lightspeed</c>.</summary>
    public static IServiceCollection AddLightspeedSimulator(this IServiceCollection services)
    {
        services.AddOptions<LightspeedSimulatorOptions>().BindConfiguration(LightspeedSimulatorOptions.Section);
        services.TryAddSingleton<LightspeedSimulator>();
        services.AddSingleton<IChannelSimulator>(sp => sp.GetRequiredService<LightspeedSimulator>());
        return services;
    }
}
