using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Overal.Channels.Abstractions;

namespace Overal.Channels.B2B;

public static class B2bChannelServiceCollectionExtensions
{
    /// <summary>Registers the B2B adapter and the price-list/availability store the portal reads, both singletons.</summary>
    public static IServiceCollection AddB2bChannel(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<B2bAvailabilityStore>();
        services.AddSingleton<B2bAdapter>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<B2bAdapter>());
        return services;
    }
}
