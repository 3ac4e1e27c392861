using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Lightspeed;

public static class LightspeedChannelServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient the sales poller uses.</summary>
    public const string HttpClientName = "Overal.Lightspeed";

    /// <summary>
    /// Registers <see cref="LightspeedAdapter"/> (as itself and as an <see cref="IChannelAdapter"/>), a singleton
    /// <see cref="LightspeedSalesPoller"/> and a <see cref="LightspeedWebhookVerifier"/> keyed with
    /// <see cref="LightspeedOptions.WebhookSecret"/>.
    /// </summary>
    public static IServiceCollection AddLightspeedChannel(this IServiceCollection services, Action<LightspeedOptions> configure)
    {
        services.AddOptions<LightspeedOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>As above, options bound from a configuration section (e.g. Channels:Lightspeed).</summary>
    public static IServiceCollection AddLightspeedChannel(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<LightspeedOptions>().Bind(section);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new LightspeedSalesPoller(() => factory.CreateClient(HttpClientName),
                sp.GetRequiredService<IOptions<LightspeedOptions>>().Value, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<LightspeedAdapter>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<LightspeedAdapter>());
        services.TryAddSingleton(sp => new LightspeedWebhookVerifier(sp.GetRequiredService<IOptions<LightspeedOptions>>().Value.WebhookSecret));
        return services;
    }
}
