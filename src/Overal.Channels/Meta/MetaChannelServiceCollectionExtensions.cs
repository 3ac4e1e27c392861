using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Meta;

public static class MetaChannelServiceCollectionExtensions
{
    /// <summary>
    /// Registers one Meta catalog as a singleton <see cref="IChannelAdapter"/> with channel id
    /// <paramref name="channelId"/> (call it twice: "instagram" and "facebook"). Named options (name = channel id)
    /// come from <c>Channels:Meta:{channelId}</c> when <paramref name="configuration"/> is given, then from
    /// <paramref name="configure"/>. The adapter is also a keyed singleton <see cref="MetaCatalogAdapter"/> under the channel id.
    /// </summary>
    public static IServiceCollection AddMetaCatalogChannel(
        this IServiceCollection services, string channelId, IConfiguration? configuration = null, Action<MetaCatalogOptions>? configure = null)
    {
        var options = services.AddOptions<MetaCatalogOptions>(channelId);
        if (configuration is not null) options.Bind(configuration.GetSection(MetaCatalogOptions.Section).GetSection(channelId));
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(MetaCatalogAdapter.HttpClientNameFor(channelId), (sp, http) =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<MetaCatalogOptions>>().Get(channelId);
            http.BaseAddress = o.BaseAddress;
            http.Timeout = o.RequestTimeout;
        });
        services.AddKeyedSingleton(channelId, (sp, _) => new MetaCatalogAdapter(
            channelId,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<MetaCatalogOptions>>().Get(channelId),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredKeyedService<MetaCatalogAdapter>(channelId));
        return services;
    }
}
