using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Overal.Core.Persistence;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>
/// The hub in-process on its own fresh database: SQLite = a new temp file, PostgreSQL = a new database on the server
/// in OVERAL_TEST_POSTGRES (dropped on dispose). Seeds a small demo catalog. Time is a <see cref="FakeTimeProvider"/>
/// starting at the real current time that moves only when a test advances <see cref="Clock"/>, so expiry is
/// deterministic (the hold sweeper's timer ticks only on Advance; tests can also call SweepOnceAsync). Advance in
/// steps of hours, not weeks: the fake clock fires the sweeper's 1 s periodic timer once per elapsed second.
/// Use it as a class fixture through <see cref="SqliteHub"/> / <see cref="PostgresHub"/>.
/// </summary>
public class HubFactory(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int DemoStyles = 12;

    private readonly string _name = $"overal_test_{Guid.NewGuid():N}";
    private readonly Lock _skuLock = new();
    private string? _connectionString;
    private Queue<string>? _freeSkus;

    public DatabaseProvider Provider { get; } = provider;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>False when this is the PostgreSQL leg and no server was given: tests then skip with a reason.</summary>
    public bool Available => Provider != DatabaseProvider.Postgres || TestPostgres.ServerConnectionString is not null;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The factory has not been initialised.");

    public virtual async ValueTask InitializeAsync()
    {
        if (!Available) return;
        _connectionString = Provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(Path.GetTempPath(), _name + ".db")}",
            _ => await TestPostgres.CreateDatabaseAsync(_name, CancellationToken.None),
        };
        // Starts the host (migrates and seeds) before the first test runs. One at a time: WebApplicationFactory finds
        // Program's host through process-wide hosting diagnostics events, so two factories starting at once can each
        // grab the other's host (and one's dispose then stops the other's server mid-test).
        await Task.Run(() => HostStartGate.Run(() => Server));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        TestApiKey.Authorize(client);
    }

    /// <summary>A seeded SKU no other caller has taken, so tests sharing this hub never touch each other's stock.</summary>
    public string TakeSku()
    {
        lock (_skuLock)
        {
            if (_freeSkus is null)
            {
                using var scope = Services.CreateScope();
                _freeSkus = new Queue<string>(scope.ServiceProvider.GetRequiredService<HubDbContext>().Variants.Select(v => v.Sku).OrderBy(s => s).ToList());
            }
            return _freeSkus.TryDequeue(out var sku) ? sku : throw new InvalidOperationException($"All seeded SKUs are taken; raise {nameof(DemoStyles)}.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches Program before it reads configuration (AddOveralCore binds Database:* at registration).
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Overal", ConnectionString);
        builder.UseSetting("Demo:Styles", DemoStyles.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Demo:Orders:OnFirstStart", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Channels live on their own simulators in the sync tests; here no adapter pushes anywhere and no fixed port is taken.
        builder.UseSetting("Channels:Mode", "Live");
        TestApiKey.Configure(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is null) return;
        if (Provider == DatabaseProvider.Postgres)
        {
            await TestPostgres.DropDatabaseAsync(_name, _connectionString);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Path.Combine(Path.GetTempPath(), _name + ".db" + suffix));
            }
        }
        GC.SuppressFinalize(this);
    }
}
