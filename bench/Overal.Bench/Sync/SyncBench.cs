using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace Overal.Bench.Sync;

/// <summary>
/// Issue #3 item 10 / #5 item 8: the simulators as one process, the hub as another on durable PostgreSQL in Live mode
/// pointed at them, then signed Lightspeed sale webhooks at fixed open-loop rates, measuring how fast and how
/// cheaply every connected channel hears about each change.
/// </summary>
public sealed class SyncBench(SyncBenchOptions options)
{
    private const string DatabaseName = "overal_sync_bench";
    private const string OutletPrefix = "0242ac12-0002-11ee-e6d3-a1b2c3d400";

    // The Lightspeed simulator's default outlets in the order of the hub's seeded stores (ReferenceCustomer).
    private static readonly string[] Stores =
    [
        "store-amsterdam", "store-rotterdam", "store-den-haag", "store-utrecht", "store-haarlem", "store-leiden",
        "store-delft", "store-breda", "store-tilburg", "store-eindhoven", "store-den-bosch", "store-amersfoort",
    ];

    // Stores in the webshop and zalando pools (ship from store): a sale there changes what those channels offer.
    private static readonly string[] ShipFromStores = ["store-amsterdam", "store-rotterdam", "store-den-haag", "store-utrecht", "store-eindhoven", "store-amersfoort"];

    public async Task<SyncBenchResult> RunAsync(CancellationToken cancellationToken)
    {
        var connectionString = await CreateDatabaseAsync(cancellationToken);
        var secrets = new Secrets();
        var simulatorsBase = $"http://127.0.0.1:{options.SimulatorsPort}/";
        var hubEnvironment = HubEnvironment(connectionString, secrets, simulatorsBase);
        var hubLog = Path.Combine(options.WorkDirectory, "hub.log");
        File.Delete(hubLog);

        // First start: the hub migrates and seeds; with no channel configured it syncs nothing yet.
        Console.Error.WriteLine($"[sync] migrating and seeding through the hub ({options.Styles} styles)…");
        await using (await HubProcess.StartAsync(options.HubDll, options.HubPort, Base(connectionString), hubLog, cancellationToken))
        {
        }
        var catalog = await QueryAsync(connectionString, "SELECT sku, ean, price FROM variants ORDER BY sku",
            r => new { sku = r.GetString(0), ean = r.GetString(1), title = r.GetString(0), price = r.GetDecimal(2), quantity = 0 }, cancellationToken);
        var storeTargets = await TargetsAsync(connectionString, ShipFromStores, 3, int.MaxValue, cancellationToken);
        // At most 40 at the warehouse so Meta's cap of 50 does not hide the change.
        var warehouseTargets = await TargetsAsync(connectionString, ["warehouse"], 3, 40, cancellationToken);
        Console.Error.WriteLine($"[sync] {catalog.Count} SKUs; {storeTargets.Count} store targets, {warehouseTargets.Count} warehouse targets");

        var simLog = Path.Combine(options.WorkDirectory, "simulators.log");
        File.Delete(simLog);
        await using var simulators = await HubProcess.StartAsync(options.SimulatorsDll, options.SimulatorsPort, SimulatorEnvironment(secrets), simLog,
            cancellationToken, readyPath: "/_control/");
        using var control = new HttpClient { BaseAddress = simulators.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var names = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<string[]>(control, "/_control/", cancellationToken) ?? [];
        foreach (var name in names)
        {
            using var seeded = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(control, $"/_control/{name}/items", catalog, cancellationToken);
            seeded.EnsureSuccessStatusCode();
        }
        Console.Error.WriteLine($"[sync] simulators seeded: {string.Join(", ", names)}");

        await using var hub = await HubProcess.StartAsync(options.HubDll, options.HubPort, hubEnvironment, hubLog, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 512 })
        {
            BaseAddress = hub.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { { "X-Api-Key", HubProcess.ApiKey } },
        };
        var api = new HubSyncApi(http);
        var initial = Stopwatch.StartNew();
        Console.Error.WriteLine("[sync] waiting for the initial sync…");
        var (_, afterInitial) = await api.WaitDrainedAsync(options.InitialSyncTimeout, cancellationToken);
        var initialSync = afterInitial.All(c => c.Backlog == 0)
            ? $"{initial.Elapsed.TotalSeconds:0.0} s until every connected channel had 0 pending/failed ({string.Join(", ", afterInitial.Select(c => $"{c.ChannelId} {c.InSync}"))} SKUs in sync)"
            : $"NOT finished within {options.InitialSyncTimeout.TotalSeconds:0} s: {string.Join("; ", afterInitial.Where(c => c.Backlog > 0).Select(c => $"{c.ChannelId} {c.Backlog} of {c.Backlog + c.InSync + c.Dead} left ({c.Describe()})"))}";
        Console.Error.WriteLine($"[sync] initial sync: {initialSync}");

        var sales = new SignedSales(http, secrets.Lightspeed, storeTargets, warehouseTargets, options.WarehouseShare);
        Console.Error.WriteLine("[sync] warm-up 3 s at 50/s…");
        await LoadRunner.OpenLoopAsync("sync", "warm-up", 50, TimeSpan.Zero, TimeSpan.FromSeconds(3), sales.ChangeAsync, cancellationToken);
        await api.WaitDrainedAsync(options.DrainTimeout, cancellationToken);

        var results = new List<SyncRateResult>();
        foreach (var rate in options.Rates)
        {
            results.Add(await RunRateAsync(rate, hub, api, sales, cancellationToken));
        }
        return new SyncBenchResult(options, catalog.Count, storeTargets.Count, warehouseTargets.Count, initialSync, results, hub.PeakMemoryMiB(),
            afterInitial.Select(c => c.ChannelId).ToArray());
    }

    private async Task<SyncRateResult> RunRateAsync(int rate, HubProcess hub, HubSyncApi api, SignedSales sales, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"[sync] {rate} changes/s for {options.Duration.TotalSeconds:0} s…");
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        var before = (await api.ChannelsAsync(cancellationToken)).ToDictionary(c => c.ChannelId);
        var cpuBefore = hub.CpuTime();
        sales.ResetChanges();
        var started = Stopwatch.StartNew();
        var webhooks = await LoadRunner.OpenLoopAsync("sync", "sale.update webhook", rate, TimeSpan.Zero, options.Duration, sales.ChangeAsync, cancellationToken);
        var atEnd = (await api.ChannelsAsync(cancellationToken)).ToDictionary(c => c.ChannelId);
        var (drained, afterDrain) = await api.WaitDrainedAsync(options.DrainTimeout, cancellationToken);
        var cpu = (hub.CpuTime() - cpuBefore).TotalMilliseconds;
        var latency = await api.LatencyAsync(started.Elapsed + TimeSpan.FromSeconds(1), cancellationToken);
        var changes = sales.Changes;
        var channels = afterDrain.Select(c =>
        {
            latency.TryGetValue(c.ChannelId, out var l);
            var b = before.GetValueOrDefault(c.ChannelId) ?? c with { Calls = 0, ItemsConfirmed = 0 };
            return new ChannelRateResult(c.ChannelId, l.Count, l.P50, l.P95, l.P99, l.Max, c.Calls - b.Calls, c.ItemsConfirmed - b.ItemsConfirmed,
                atEnd.GetValueOrDefault(c.ChannelId)?.Backlog ?? 0, drained.GetValueOrDefault(c.ChannelId), c.Backlog, c.Describe());
        }).ToList();
        Console.Error.WriteLine($"[sync]   {webhooks.OpsPerSecond:0}/s accepted, p99 {webhooks.P99:0.0} ms, {changes} changes; " +
            string.Join("; ", channels.Select(c => $"{c.ChannelId} p99 {c.P99?.ToString("0") ?? "–"} ms, {c.Calls} calls, backlog {c.BacklogAtEnd}→{c.BacklogAfterDrain}")));
        return new SyncRateResult(rate, webhooks, changes, cpu / Math.Max(1, changes), channels, hub.PeakMemoryMiB(), load);
    }

    private Dictionary<string, string> Base(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Overal"] = connectionString,
        ["Demo__Styles"] = options.Styles.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Demo__Orders__OnFirstStart"] = "0",
        ["Channels__Mode"] = "Live",
        ["Channels__B2b__Enabled"] = "false",
    };

    private Dictionary<string, string> HubEnvironment(string connectionString, Secrets s, string sims)
    {
        var env = Base(connectionString);
        env.Remove("Channels__B2b__Enabled");
        void Add(string key, string value) => env["Channels__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        Add("Shopify:BaseUrl", sims + "shopify/");
        Add("Shopify:AccessToken", s.Shopify);
        Add("Shopify:WebhookSecret", s.ShopifyWebhook);
        Add("Shopify:ShopDomain", "overal-sim.myshopify.com");
        // The simulator numbers ids from 1,000,001 and creates its first location before anything else.
        Add("Shopify:LocationId", "gid://shopify/Location/1000001");
        Add("Lightspeed:BaseUrl", sims + "lightspeed/");
        Add("Lightspeed:AccessToken", s.LightspeedToken);
        Add("Lightspeed:WebhookSecret", s.Lightspeed);
        Add("Lightspeed:DomainPrefix", "overal");
        for (var i = 0; i < Stores.Length; i++) Add($"Lightspeed:Outlets:{OutletId(i)}", Stores[i]);
        Add("Bol:BaseAddress", sims + "bol/");
        Add("Bol:TokenEndpoint", sims + "bol/token");
        Add("Bol:ClientId", "overal-bol-client");
        Add("Bol:ClientSecret", s.Bol);
        Add("Amazon:Endpoint", sims + "amazon/");
        Add("Amazon:TokenEndpoint", sims + "amazon/auth/o2/token");
        Add("Amazon:ClientId", "amzn1.application-oa2-client.overal");
        Add("Amazon:ClientSecret", s.Amazon);
        Add("Amazon:RefreshToken", s.AmazonRefresh);
        Add("Amazon:SellerId", "A2OVERALSELLER");
        Add("Amazon:MarketplaceIds:0", "A1805IZSGTT6HS");
        Add("Amazon:MarketplaceIds:1", "AMEN7PMS3EDWL");
        Add("Zalando:BaseAddress", sims + "zalando/");
        Add("Zalando:ClientId", "overal-zalando");
        Add("Zalando:ClientSecret", s.Zalando);
        Add("Zalando:MerchantId", "6a3c1b8e-4f0d-4a8e-9c55-0d2f6c3e7b11");
        Add("Zalando:SalesChannelIds:0", "01924c48-49bb-40c2-9c32-ab582e6db6f4");
        Add("Zalando:SalesChannelIds:1", "0f2f5e1a-7b8c-4d3e-9a1b-2c3d4e5f6a7b");
        foreach (var (channel, catalog) in new[] { ("instagram", "811223344556677"), ("facebook", "822334455667788") })
        {
            Add($"Meta:{channel}:BaseAddress", sims + "meta/");
            Add($"Meta:{channel}:AccessToken", s.Meta);
            Add($"Meta:{channel}:CatalogId", catalog);
        }
        return env;
    }

    private static Dictionary<string, string> SimulatorEnvironment(Secrets s) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        ["Simulators__Shopify__AccessToken"] = s.Shopify,
        ["Simulators__Shopify__WebhookSecret"] = s.ShopifyWebhook,
        ["Simulators__Lightspeed__AccessToken"] = s.LightspeedToken,
        ["Simulators__Lightspeed__WebhookSecret"] = s.Lightspeed,
        ["Simulators__Zalando__ClientSecret"] = s.Zalando,
        ["Simulators__Meta__AccessToken"] = s.Meta,
        ["Simulators__Bol__ClientSecret"] = s.Bol,
        ["Simulators__Amazon__ClientSecret"] = s.Amazon,
        ["Simulators__Amazon__RefreshToken"] = s.AmazonRefresh,
    };

    private static string OutletId(int index) => OutletPrefix + (index + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<StockTarget>> TargetsAsync(string connectionString, string[] locations, int minOnHand, int maxOnHand, CancellationToken cancellationToken)
    {
        var list = await QueryAsync(connectionString,
            $"SELECT sku, location_id FROM stock_levels WHERE location_id = ANY(ARRAY['{string.Join("','", locations)}']) AND on_hand BETWEEN {minOnHand} AND {maxOnHand} AND reserved = 0 ORDER BY sku, location_id",
            r => new StockTarget(r.GetString(0), r.GetString(1), Array.IndexOf(Stores, r.GetString(1)) is var i and >= 0 ? OutletId(i) : null), cancellationToken);
        // A fixed shuffle so consecutive changes hit different SKUs and stores, the same on every run.
        var random = new Random(42);
        return [.. list.OrderBy(_ => random.Next())];
    }

    private static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    private async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(options.Postgres);
        await admin.OpenAsync(cancellationToken);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", $"CREATE DATABASE {DatabaseName}" })
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(options.Postgres) { Database = DatabaseName }.ConnectionString;
    }

    /// <summary>Random per run, handed to both processes through their environment only.</summary>
    private sealed class Secrets
    {
        private static string Hex(int n) => RandomNumberGenerator.GetHexString(n, lowercase: true);
        public string Shopify { get; } = "shpat_" + Hex(32);
        public string ShopifyWebhook { get; } = Hex(64);
        public string LightspeedToken { get; } = "lsxs_" + Hex(32);
        public string Lightspeed { get; } = Hex(64);
        public string Zalando { get; } = Hex(40);
        public string Meta { get; } = "EAA" + Hex(60);
        public string Bol { get; } = Hex(40);
        public string Amazon { get; } = Hex(40);
        public string AmazonRefresh { get; } = "Atzr|" + Hex(60);
    }
}
