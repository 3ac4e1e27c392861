using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Overal.Simulators.Shopify;

public static class ShopifySimulatorServiceCollectionExtensions
{
    /// <summary>Registers the Shopify simulator with options bound from <c>Simulators:Shopify</c>.</summary>
    public static IServiceCollection AddShopifySimulator(this IServiceCollection services)
    {
        services.AddOptions<ShopifySimulatorOptions>().BindConfiguration(ShopifySimulatorOptions.Section);
        services.TryAddSingleton<ShopifySimulator>();
        services.AddSingleton<IChannelSimulator>(sp => sp.GetRequiredService<ShopifySimulator>());
        return services;
    }
}
