using Overal.Channels.Amazon;
using Overal.Channels.B2B;
using Overal.Channels.Bol;
using Overal.Channels.Lightspeed;
using Overal.Channels.Meta;
using Overal.Channels.Zalando;
using Overal.Channels.Shopify;
using Overal.Channels.Abstractions;
using Overal.Core.Inventory;
using Overal.Core.Orders;
using Overal.Hub.Webhooks.Lightspeed;
using Overal.Simulators.Amazon;
using Overal.Simulators.Bol;
using Overal.Simulators.Lightspeed;
using Overal.Simulators.Meta;
using Overal.Simulators.Zalando;
using Overal.Simulators.Shopify;

namespace Overal.Hub.Channels;

/// <summary>
/// Which channel adapters the hub runs, and against what. Channels:Mode = Demo (the default while no channel has
/// credentials configured) wires every adapter to the built-in simulators; Live wires each channel whose section
/// (Channels:Shopify, Channels:Lightspeed, …) is configured, and leaves the others "not connected".
/// </summary>
public static class HubChannelsServiceCollectionExtensions
{
    public static bool IsDemo(IConfiguration configuration) =>
        !string.Equals(configuration["Channels:Mode"] ?? (HasLiveChannels(configuration) ? "Live" : "Demo"), "Live", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddHubChannels(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsDemo(configuration))
        {
            AddDemoChannels(services);
        }
        else
        {
            AddLiveChannels(services, configuration);
        }
        return services;
    }

    private static void AddDemoChannels(IServiceCollection services)
    {
        services.AddSingleton<DemoSimulators>();
        services.AddShopifyChannel(_ => { });
        services.AddOptions<ShopifyOptions>().Configure<DemoSimulators>((o, sims) =>
        {
            o.BaseUrl = sims.BaseFor("shopify");
            o.AccessToken = sims.ShopifyToken;
            o.WebhookSecret = sims.ShopifySecret;
            o.ShopDomain = sims.Get<ShopifySimulator>().Options.ShopDomain;
            o.LocationId = sims.Get<ShopifySimulator>().LocationIds[0];
        });
        services.AddLightspeedChannel(_ => { });
        services.AddOptions<LightspeedOptions>().Configure<DemoSimulators>((o, sims) =>
        {
            o.BaseUrl = sims.BaseFor("lightspeed");
            o.AccessToken = sims.LightspeedToken;
            o.WebhookSecret = sims.LightspeedSecret;
            o.DomainPrefix = sims.Get<LightspeedSimulator>().Options.DomainPrefix;
        });
        services.AddZalandoChannel();
        services.AddOptions<ZalandoOptions>().Configure<DemoSimulators>((o, sims) =>
        {
            var sim = sims.Get<ZalandoSimulator>().Options;
            o.BaseAddress = sims.BaseFor("zalando");
            o.ClientId = sim.ClientId;
            o.ClientSecret = sims.ZalandoSecret;
            o.MerchantId = sim.MerchantId;
            o.SalesChannelIds = [.. sim.SalesChannels.Values];
        });
        foreach (var channelId in new[] { "instagram", "facebook" })
        {
            services.AddMetaCatalogChannel(channelId);
            services.AddOptions<MetaCatalogOptions>(channelId).Configure<DemoSimulators>((o, sims) =>
            {
                o.BaseAddress = sims.BaseFor("meta");
                o.AccessToken = sims.MetaToken;
                o.CatalogId = sims.Get<MetaSimulator>().Options.Catalogs[channelId];
            });
        }
        services.AddB2bChannel();
        services.AddBolChannel();
        services.AddOptions<BolAdapterOptions>().Configure<DemoSimulators>((o, sims) =>
        {
            o.BaseAddress = sims.BaseFor("bol");
            o.TokenEndpoint = new Uri(sims.BaseFor("bol"), "token");
            o.ClientId = sims.Get<BolSimulator>().Options.ClientId;
            o.ClientSecret = sims.BolSecret;
        });
        services.AddAmazonChannel();
        services.AddOptions<AmazonAdapterOptions>().Configure<DemoSimulators>((o, sims) =>
        {
            var sim = sims.Get<AmazonSimulator>().Options;
            o.Endpoint = sims.BaseFor("amazon");
            o.TokenEndpoint = new Uri(sims.BaseFor("amazon"), "auth/o2/token");
            o.ClientId = sim.ClientId;
            o.ClientSecret = sims.AmazonSecret;
            o.RefreshToken = sims.AmazonRefreshToken;
            o.SellerId = sim.SellerId;
            o.MarketplaceIds = [.. sim.Marketplaces];
        });
        foreach (var channelId in new[] { "bol", "amazon", "zalando" }) AddOrderSource(services, channelId);
        // The simulator's outlets are the 12 stores, matched to the hub's locations by city.
        services.AddSingleton(sp =>
        {
            var outlets = sp.GetRequiredService<DemoSimulators>().Get<LightspeedSimulator>().Outlets;
            var stores = Core.Seeding.ReferenceCustomer.Locations().Where(l => l.Kind == LocationKind.Store).ToList();
            return new LightspeedOutletMap(outlets
                .Select(o => (Outlet: o.Key, Store: stores.FirstOrDefault(s => string.Equals(s.City, o.Value, StringComparison.OrdinalIgnoreCase))))
                .Where(x => x.Store is not null).ToDictionary(x => x.Outlet, x => x.Store!.Id));
        });
        services.AddScoped<PosFeed>();
        services.AddHostedService<LightspeedPollService>();
        services.AddHostedService<DemoTraffic>();
        services.AddSingleton<DemoTrafficSettings>();
        services.AddHttpClient(DemoOrders.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<DemoOrders>();
    }

    private static void AddLiveChannels(IServiceCollection services, IConfiguration configuration)
    {
        // The B2B portal is ours, so its channel is on unless switched off (Channels:B2b:Enabled=false).
        if (configuration.GetValue("Channels:B2b:Enabled", true)) services.AddB2bChannel();
        if (!string.IsNullOrWhiteSpace(configuration["Channels:Bol:ClientSecret"]))
        {
            services.AddBolChannel();
            AddOrderSource(services, "bol");
        }
        if (!string.IsNullOrWhiteSpace(configuration["Channels:Amazon:RefreshToken"]))
        {
            services.AddAmazonChannel();
            AddOrderSource(services, "amazon");
        }
        if (!string.IsNullOrWhiteSpace(configuration["Channels:Zalando:ClientSecret"]))
        {
            services.AddZalandoChannel(configuration);
            AddOrderSource(services, "zalando");
        }
        foreach (var channelId in new[] { "instagram", "facebook" })
        {
            if (!string.IsNullOrWhiteSpace(configuration[$"Channels:Meta:{channelId}:AccessToken"])) services.AddMetaCatalogChannel(channelId, configuration);
        }
        var shopify = configuration.GetSection("Channels:Shopify");
        if (!string.IsNullOrWhiteSpace(shopify["AccessToken"])) services.AddShopifyChannel(shopify);
        var lightspeed = configuration.GetSection("Channels:Lightspeed");
        if (!string.IsNullOrWhiteSpace(lightspeed["AccessToken"]))
        {
            services.AddLightspeedChannel(lightspeed);
            services.AddSingleton(new LightspeedOutletMap(lightspeed.GetSection("Outlets").Get<Dictionary<string, string>>() ?? []));
            services.AddScoped<PosFeed>();
            services.AddHostedService<LightspeedPollService>();
        }
    }

    /// <summary>Marketplaces are polled for orders (bol, Amazon, Zalando); the order poller runs every registered source.</summary>
    private static void AddOrderSource(IServiceCollection services, string channelId) =>
        services.AddSingleton<IOrderSource>(sp => new AdapterOrderSource(sp.GetServices<IChannelAdapter>().Single(a => a.ChannelId == channelId)));

    private static bool HasLiveChannels(IConfiguration configuration) =>
        configuration.GetSection("Channels").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c["AccessToken"]) || !string.IsNullOrWhiteSpace(c["ClientSecret"])
            || c.GetChildren().Any(n => !string.IsNullOrWhiteSpace(n["AccessToken"])));
}
