using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Simulators;
using Overal.Simulators.Lightspeed;
using Overal.Simulators.Shopify;

namespace Overal.Hub.Channels;

/// <summary>
/// Demo mode's outside world: every channel simulator in this process, on its own loopback port
/// (Simulators:Url, default http://127.0.0.1:5090) so adapters reach it over real HTTP exactly as they would reach
/// the real APIs. Started on first use (when an adapter's options are first read). Credentials are random per
/// start: nothing secret is written anywhere.
/// </summary>
public sealed class DemoSimulators : IAsyncDisposable
{
    private readonly WebApplication _app;

    public DemoSimulators(IConfiguration configuration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(configuration.GetSection("Simulators").AsEnumerable().Where(kv => kv.Value is not null));
        builder.Configuration["Simulators:Shopify:AccessToken"] = ShopifyToken;
        builder.Configuration["Simulators:Shopify:WebhookSecret"] = ShopifySecret;
        builder.Configuration["Simulators:Lightspeed:AccessToken"] = LightspeedToken;
        builder.Configuration["Simulators:Lightspeed:WebhookSecret"] = LightspeedSecret;
        builder.Configuration["Simulators:Zalando:ClientSecret"] = ZalandoSecret;
        builder.Configuration["Simulators:Meta:AccessToken"] = MetaToken;
        builder.Configuration["Simulators:Bol:ClientSecret"] = BolSecret;
        builder.Configuration["Simulators:Amazon:ClientSecret"] = AmazonSecret;
        builder.Configuration["Simulators:Amazon:RefreshToken"] = AmazonRefreshToken;
        builder.WebHost.UseUrls(configuration["Simulators:Url"] ?? "http://127.0.0.1:5090");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddChannelSimulators();
        _app = builder.Build();
        _app.MapChannelSimulators();
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public Uri BaseAddress { get; }

    public string ShopifyToken { get; } = "shpat_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
    public string ShopifySecret { get; } = RandomNumberGenerator.GetHexString(64, lowercase: true);
    public string LightspeedToken { get; } = "lsxs_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
    public string LightspeedSecret { get; } = RandomNumberGenerator.GetHexString(64, lowercase: true);
    public string ZalandoSecret { get; } = RandomNumberGenerator.GetHexString(40, lowercase: true);
    public string MetaToken { get; } = "EAA" + RandomNumberGenerator.GetHexString(60, lowercase: true);
    public string BolSecret { get; } = RandomNumberGenerator.GetHexString(40, lowercase: true);
    public string AmazonSecret { get; } = RandomNumberGenerator.GetHexString(40, lowercase: true);
    public string AmazonRefreshToken { get; } = "Atzr|" + RandomNumberGenerator.GetHexString(60, lowercase: true);

    public Uri BaseFor(string simulator) => new(BaseAddress, simulator + "/");

    public TSimulator Get<TSimulator>() where TSimulator : IChannelSimulator =>
        _app.Services.GetServices<IChannelSimulator>().OfType<TSimulator>().Single();

    public IEnumerable<IChannelSimulator> All => _app.Services.GetServices<IChannelSimulator>();

    /// <summary>
    /// Lists the hub's catalog on every simulator (as the retailer's listings would already exist on each channel,
    /// with nothing synced yet) and loads each store's opening stock into the POS simulator.
    /// </summary>
    public async Task SeedFromHubAsync(IServiceProvider hub, CancellationToken cancellationToken)
    {
        using var scope = hub.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var items = await db.Variants.AsNoTracking().Join(db.Products, v => v.ProductId, p => p.Id,
            (v, p) => new SimulatedItem(v.Sku, v.Ean, p.NameNl + " " + v.Colour + " " + v.Size, v.Price, 0)).ToListAsync(cancellationToken);
        foreach (var simulator in All) simulator.Seed(items);

        var lightspeed = Get<LightspeedSimulator>();
        var map = hub.GetRequiredService<Webhooks.Lightspeed.LightspeedOutletMap>();
        var outletByLocation = map.All.ToDictionary(kv => kv.Value, kv => kv.Key);
        var storeLevels = await db.StockLevels.AsNoTracking().Where(l => l.OnHand > 0)
            .Join(db.Locations.Where(l => l.Kind == LocationKind.Store), s => s.LocationId, l => l.Id, (s, _) => s).ToListAsync(cancellationToken);
        foreach (var level in storeLevels)
        {
            if (outletByLocation.TryGetValue(level.LocationId, out var outlet)) lightspeed.SetOutletStock(outlet, level.Sku, level.OnHand);
        }
    }

    /// <summary>Points the simulators' webhooks at the hub once its own address is known.</summary>
    public void DeliverWebhooksTo(Uri hub)
    {
        Get<LightspeedSimulator>().Options.WebhookUrl = new Uri(hub, "webhooks/lightspeed").ToString();
        Get<ShopifySimulator>().Options.WebhookUrl = new Uri(hub, "webhooks/shopify").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
