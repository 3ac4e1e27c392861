using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;
using Overal.Channels.Shopify.Internal;

namespace Overal.Channels.Shopify;

public static class ShopifyChannelServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient the adapter uses (add handlers to it with AddHttpClient(name)).</summary>
    public const string HttpClientName = "Overal.Shopify";

    /// <summary>
    /// Registers <see cref="ShopifyAdapter"/> (as itself and as an <see cref="IChannelAdapter"/>), its typed HttpClient and
    /// a <see cref="ShopifyWebhookVerifier"/> keyed with <see cref="ShopifyOptions.WebhookSecret"/>.
    /// </summary>
    public static IServiceCollection AddShopifyChannel(this IServiceCollection services, Action<ShopifyOptions> configure)
    {
        services.AddOptions<ShopifyOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>As above, options bound from a configuration section (e.g. Channels:Shopify).</summary>
    public static IServiceCollection AddShopifyChannel(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ShopifyOptions>().Bind(section);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ShopifyCostThrottle(sp.GetRequiredService<TimeProvider>()));
        // One attempt per call (retries are the dispatcher's job); only a timeout so a hung call cannot block a batch.
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new ShopifyAdapter(new ShopifyGraphQlClient(() => factory.CreateClient(HttpClientName),
                sp.GetRequiredService<IOptions<ShopifyOptions>>(), sp.GetRequiredService<ShopifyCostThrottle>(), sp.GetRequiredService<TimeProvider>()));
        });
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<ShopifyAdapter>());
        services.TryAddSingleton(sp => new ShopifyWebhookVerifier(sp.GetRequiredService<IOptions<ShopifyOptions>>().Value.WebhookSecret));
        return services;
    }

    /// <summary>For tests and tools that wire an adapter by hand.</summary>
    public static ShopifyAdapter CreateAdapter(HttpClient http, ShopifyOptions options, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        return new ShopifyAdapter(new ShopifyGraphQlClient(() => http, Microsoft.Extensions.Options.Options.Create(options), new ShopifyCostThrottle(clock), clock));
    }
}
