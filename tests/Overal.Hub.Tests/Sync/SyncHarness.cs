using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Simulators;
using Overal.Simulators.Lightspeed;
using Overal.Simulators.Shopify;

namespace Overal.Hub.Tests.Sync;

/// <summary>
/// The hub in Live mode on a real loopback port, talking over HTTP to the Shopify and Lightspeed simulators running
/// as a separate web application (the outside world, which outlives a hub restart). One database per harness.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private const string ShopifyToken = "shpat_sync_tests";
    private const string ShopifySecret = "shopify-sync-tests-secret";
    private const string LightspeedToken = "lsxs_sync_tests";
    public const string LightspeedSecret = "lightspeed-sync-tests-secret";

    private readonly WebApplication _simulators;
    private readonly Dictionary<string, string?> _hubSettings;
    private readonly Func<Task>? _dropDatabase;

    private SyncHarness(WebApplication simulators, Dictionary<string, string?> hubSettings, Func<Task>? dropDatabase)
    {
        _simulators = simulators;
        _hubSettings = hubSettings;
        _dropDatabase = dropDatabase;
    }

    public WebApplicationFactory<Program> Hub { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ShopifySimulator Shopify => Simulator<ShopifySimulator>();

    public LightspeedSimulator Lightspeed => Simulator<LightspeedSimulator>();

    public TSimulator Simulator<TSimulator>() where TSimulator : IChannelSimulator =>
        _simulators.Services.GetServices<IChannelSimulator>().OfType<TSimulator>().Single();

    /// <param name="marketplaces">Also connect bol, Amazon, Zalando and the two Meta catalogs (their simulators' default credentials).</param>
    /// <param name="simulatorClock">Runs the simulators on this clock; Amazon's feeds then take their default minutes on it.
    /// Without one, Amazon processes a feed in 200 ms of real time.</param>
    public static async Task<SyncHarness> StartAsync(bool postgres, IDictionary<string, string?>? simulatorSettings = null, IDictionary<string, string?>? hubSettings = null,
        bool marketplaces = false, TimeProvider? simulatorClock = null)
    {
        var sims = WebApplication.CreateSlimBuilder();
        sims.WebHost.UseUrls("http://127.0.0.1:0");
        sims.Logging.SetMinimumLevel(LogLevel.Warning);
        sims.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulators:Shopify:AccessToken"] = ShopifyToken,
            ["Simulators:Shopify:WebhookSecret"] = ShopifySecret,
            ["Simulators:Lightspeed:AccessToken"] = LightspeedToken,
            ["Simulators:Lightspeed:WebhookSecret"] = LightspeedSecret,
        });
        if (simulatorClock is null) sims.Configuration["Simulators:Amazon:FeedProcessingDelay"] = "00:00:00.200";
        if (simulatorSettings is not null) sims.Configuration.AddInMemoryCollection(simulatorSettings);
        sims.Services.AddChannelSimulators();
        if (simulatorClock is not null) sims.Services.AddSingleton(simulatorClock);
        var app = sims.Build();
        app.MapChannelSimulators();
        await app.StartAsync();
        var simBase = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");

        var (provider, connection, drop) = postgres ? await CreatePostgresDatabaseAsync() : CreateSqliteDatabase();
        var shopify = app.Services.GetServices<IChannelSimulator>().OfType<ShopifySimulator>().Single();
        var lightspeed = app.Services.GetServices<IChannelSimulator>().OfType<LightspeedSimulator>().Single();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Overal"] = connection,
            ["Demo:Styles"] = "4",
            ["Demo:Orders:OnFirstStart"] = "0",
            ["Channels:Mode"] = "Live",
            ["Channels:Shopify:BaseUrl"] = new Uri(simBase, "shopify/").ToString(),
            ["Channels:Shopify:AccessToken"] = ShopifyToken,
            ["Channels:Shopify:WebhookSecret"] = ShopifySecret,
            ["Channels:Shopify:ShopDomain"] = shopify.Options.ShopDomain,
            ["Channels:Shopify:LocationId"] = shopify.LocationIds[0],
            ["Channels:Lightspeed:BaseUrl"] = new Uri(simBase, "lightspeed/").ToString(),
            ["Channels:Lightspeed:AccessToken"] = LightspeedToken,
            ["Channels:Lightspeed:WebhookSecret"] = LightspeedSecret,
            ["Channels:Lightspeed:PollSeconds"] = "3600",
            ["Sync:PollFallbackSeconds"] = "0.2",
            ["Sync:InitialBackoffSeconds"] = "0.05",
            ["Sync:MaxBackoffSeconds"] = "0.3",
            ["Sync:CircuitOpenSeconds"] = "0.3",
            ["Sync:ClaimLeaseSeconds"] = "2",
            ["Sync:MaxAttempts"] = "1000",
            ["Sync:ReconcileIntervalMinutes"] = "0",
        };
        foreach (var (outlet, city) in lightspeed.Outlets)
        {
            settings[$"Channels:Lightspeed:Outlets:{outlet}"] = Core.Seeding.ReferenceCustomer.Locations().First(l => l.City == city).Id;
        }
        if (marketplaces) AddMarketplaces(settings, simBase, app.Services);
        if (hubSettings is not null) foreach (var (k, v) in hubSettings) settings[k] = v;

        // The listings exist on the channels before the hub's first push, as they would in real life.
        var items = Core.Seeding.DemoCatalog.Generate(int.Parse(settings["Demo:Styles"]!, System.Globalization.CultureInfo.InvariantCulture))
            .SelectMany(p => p.Variants).Select(v => new SimulatedItem(v.Sku, v.Ean, v.Sku, v.Price, 0)).ToList();
        foreach (var sim in app.Services.GetServices<IChannelSimulator>()) sim.Seed(items);

        var harness = new SyncHarness(app, settings, drop);
        await harness.StartHubAsync();
        await harness.LoadStoreStockIntoPosAsync();
        return harness;
    }

    private static void AddMarketplaces(Dictionary<string, string?> settings, Uri simBase, IServiceProvider sims)
    {
        var bol = sims.GetServices<IChannelSimulator>().OfType<Simulators.Bol.BolSimulator>().Single().Options;
        settings["Channels:Bol:BaseAddress"] = new Uri(simBase, "bol/").ToString();
        settings["Channels:Bol:TokenEndpoint"] = new Uri(simBase, "bol/token").ToString();
        settings["Channels:Bol:ClientId"] = bol.ClientId;
        settings["Channels:Bol:ClientSecret"] = bol.ClientSecret;
        var amazon = sims.GetServices<IChannelSimulator>().OfType<Simulators.Amazon.AmazonSimulator>().Single().Options;
        settings["Channels:Amazon:Endpoint"] = new Uri(simBase, "amazon/").ToString();
        settings["Channels:Amazon:TokenEndpoint"] = new Uri(simBase, "amazon/auth/o2/token").ToString();
        settings["Channels:Amazon:ClientId"] = amazon.ClientId;
        settings["Channels:Amazon:ClientSecret"] = amazon.ClientSecret;
        settings["Channels:Amazon:RefreshToken"] = amazon.RefreshToken;
        settings["Channels:Amazon:SellerId"] = amazon.SellerId;
        settings["Channels:Amazon:FeedPollInterval"] = "00:00:00.200";
        var zalando = sims.GetServices<IChannelSimulator>().OfType<Simulators.Zalando.ZalandoSimulator>().Single().Options;
        settings["Channels:Zalando:BaseAddress"] = new Uri(simBase, "zalando/").ToString();
        settings["Channels:Zalando:ClientId"] = zalando.ClientId;
        settings["Channels:Zalando:ClientSecret"] = zalando.ClientSecret;
        settings["Channels:Zalando:MerchantId"] = zalando.MerchantId;
        var i = 0;
        foreach (var channel in zalando.SalesChannels.Values) settings[$"Channels:Zalando:SalesChannelIds:{i++}"] = channel;
        var meta = sims.GetServices<IChannelSimulator>().OfType<Simulators.Meta.MetaSimulator>().Single().Options;
        foreach (var (channelId, catalogId) in meta.Catalogs)
        {
            settings[$"Channels:Meta:{channelId}:BaseAddress"] = new Uri(simBase, "meta/").ToString();
            settings[$"Channels:Meta:{channelId}:AccessToken"] = meta.AccessToken;
            settings[$"Channels:Meta:{channelId}:CatalogId"] = catalogId;
        }
    }

    /// <summary>Stops the hub (its dispatchers may be mid-push) and starts a new one on the same database.</summary>
    public async Task RestartHubAsync()
    {
        Client.Dispose();
        await Hub.DisposeAsync();
        await StartHubAsync();
    }

    private Task StartHubAsync()
    {
        Hub = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in _hubSettings) b.UseSetting(k, v);
            // A setting, not SetMinimumLevel: appsettings.json's Logging:LogLevel rules would win over the latter.
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            Infrastructure.TestApiKey.Configure(b);
        });
        Hub.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        Infrastructure.HostStartGate.Run(() => { Hub.StartServer(); return 0; });
        Client = Infrastructure.TestApiKey.Authorize(Hub.CreateClient());
        var address = Hub.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Lightspeed.Options.WebhookUrl = address.TrimEnd('/') + "/webhooks/lightspeed";
        Shopify.Options.WebhookUrl = address.TrimEnd('/') + "/webhooks/shopify";
        return Task.CompletedTask;
    }

    /// <summary>Loads the stores' opening stock into the POS simulator.</summary>
    private async Task LoadStoreStockIntoPosAsync()
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var outletByLocation = Lightspeed.Outlets.ToDictionary(o => Core.Seeding.ReferenceCustomer.Locations().First(l => l.City == o.Value).Id, o => o.Key);
        foreach (var level in await db.StockLevels.AsNoTracking().Where(l => l.OnHand > 0).ToListAsync())
        {
            if (outletByLocation.TryGetValue(level.LocationId, out var outlet)) Lightspeed.SetOutletStock(outlet, level.Sku, level.OnHand);
        }
    }

    public string OutletFor(string locationId) =>
        Lightspeed.Outlets.First(o => Core.Seeding.ReferenceCustomer.Locations().First(l => l.Id == locationId).City == o.Value).Key;

    /// <summary>The hub's sync rows for a channel, read fresh from the database.</summary>
    public async Task<List<ChannelSyncState>> SyncRowsAsync(string channelId)
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.SyncStates.AsNoTracking().Where(s => s.ChannelId == channelId).ToListAsync();
    }

    /// <summary>Waits until every webshop row is in sync and Shopify shows exactly the hub's desired numbers.</summary>
    public async Task WaitForShopifyToConvergeAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var rows = await SyncRowsAsync("webshop");
            var shown = Shopify.Quantities();
            var wrong = rows.Where(r => r.Status != SyncStatus.InSync || r.Dirty || !shown.TryGetValue(r.Sku, out var q) || q != r.Desired).ToList();
            if (rows.Count > 0 && wrong.Count == 0) return;
            last = string.Join(", ", wrong.Take(5).Select(r => $"{r.Sku}: desired {r.Desired}, confirmed {r.Confirmed}, {r.Status}, shopify {shown.GetValueOrDefault(r.Sku)}, error {r.LastError}"));
            await Task.Delay(50);
        }
        Assert.Fail($"Shopify did not converge within {timeout}: {last}");
    }

    public Uri SimulatorBase => new(_simulators.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        Assert.Fail($"Timed out after {timeout} waiting for {what}.");
    }

    private static (string, string, Func<Task>?) CreateSqliteDatabase()
    {
        var folder = Directory.CreateTempSubdirectory("overal-sync-");
        return ("Sqlite", $"Data Source={Path.Combine(folder.FullName, "hub.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        });
    }

    private static async Task<(string, string, Func<Task>?)> CreatePostgresDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("OVERAL_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server)) Assert.Skip("OVERAL_TEST_POSTGRES is not set: the PostgreSQL leg runs under scripts/test.sh.");
        var name = "overal_sync_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return ("Postgres", connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Hub.DisposeAsync();
        await _simulators.StopAsync();
        await _simulators.DisposeAsync();
        if (_dropDatabase is not null) await _dropDatabase();
    }
}
