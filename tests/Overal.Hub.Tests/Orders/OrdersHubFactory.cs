using Overal.Hub.Tests.Infrastructure;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Overal.Channels.Abstractions;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Core.Seeding;

namespace Overal.Hub.Tests.Orders;

/// <summary>
/// The hub on a fresh database (a SQLite file, or a new PostgreSQL database when OVERAL_TEST_POSTGRES holds a
/// connection string) with a small demo catalog. Local to the order tests until the shared HubFactory lands.
/// </summary>
public sealed class OrdersHubFactory : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "OVERAL_TEST_POSTGRES";
    private readonly string _provider;
    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public OrdersHubFactory(string provider, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _provider = provider;
        _services = services;
        _settings = settings ?? [];
        var name = $"overal_orders_{Guid.NewGuid():N}"[..28];
        _connectionString = provider == "postgres"
            ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable)) { Database = name }.ToString()
            : $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}";
    }

    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))) data.Add("postgres");
        return data;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", _provider == "postgres" ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Overal", _connectionString);
        builder.UseSetting("Demo:Styles", "3");
        builder.UseSetting("Demo:Orders:OnFirstStart", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // No demo simulators: these tests bring their own fake adapter, and a fixed simulator port would collide.
        builder.UseSetting("Channels:Mode", "Live");
        builder.UseSetting("Channels:B2b:Enabled", "false");
        TestApiKey.Configure(builder);
        builder.UseSetting("Orders:Polling:Enabled", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => _services?.Invoke(services));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        TestApiKey.Authorize(client);
    }

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder) =>
        HostStartGate.Run(() => base.CreateHost(builder));

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) => InScopeAsync(async sp => { await work(sp); return 0; });

    public Task<List<string>> SkusAsync(int count) =>
        InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Variants.AsNoTracking().OrderBy(v => v.Sku).Select(v => v.Sku).Take(count).ToListAsync());

    /// <summary>Counts the SKU to exactly these on-hand numbers (every other location to 0).</summary>
    public Task SetStockAsync(string sku, Dictionary<string, int> onHand) => InScopeAsync(async sp =>
    {
        var ledger = sp.GetRequiredService<StockLedger>();
        foreach (var location in ReferenceCustomer.Locations())
        {
            await ledger.RecordAsync(new RecordMovement(sku, location.Id, MovementType.Count, onHand.GetValueOrDefault(location.Id)), CancellationToken.None);
        }
    });

    public Task<List<StockLevel>> LevelsAsync(string sku) =>
        InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().StockLevels.AsNoTracking().Where(l => l.Sku == sku).ToListAsync());

    public Task<Dictionary<string, int>> DesiredAsync(string sku) =>
        InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().SyncStates.AsNoTracking().Where(s => s.Sku == sku).ToDictionaryAsync(s => s.ChannelId, s => s.Desired));

    public static ChannelOrder Order(string channel, string externalId, string delivery = "home", string? store = null, params (string Sku, int Quantity, decimal Price)[] lines) =>
        new(channel, externalId, DateTimeOffset.UtcNow, "EUR", new ChannelCustomer("A. Klant", "klant@example.nl", null, null),
            new ChannelDelivery(delivery, "Damrak 1", "1012LG", "Amsterdam", "NL", store, delivery == "pickup_point" ? "PP-1" : null), "paid",
            [.. lines.Select((l, i) => new ChannelOrderLine($"L{i + 1}", l.Sku, null, l.Quantity, l.Price, 0m))]);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json, TestContext.Current.CancellationToken))!;

    public override async ValueTask DisposeAsync()
    {
        if (_provider == "postgres")
        {
            await InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Database.EnsureDeletedAsync());
        }
        await base.DisposeAsync();
        if (_provider == "sqlite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = _connectionString["Data Source=".Length..];
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(file + suffix); } catch (IOException) { }
            }
        }
    }
}
