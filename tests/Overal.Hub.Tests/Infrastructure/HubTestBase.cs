namespace Overal.Hub.Tests.Infrastructure;

/// <summary>
/// Base of every provider suite: an abstract feature class derives from this with THub open, and two one-line
/// classes close it with <see cref="SqliteHub"/> and <see cref="PostgresHub"/>, so every test is written once and
/// runs on both databases. Tests in one class share the hub (and database) and run one after another, so each
/// test takes its own SKU with <see cref="TakeSku"/> and sets the stock it needs itself.
/// </summary>
public abstract class HubTestBase<THub>(THub hub) : IClassFixture<THub>, IAsyncLifetime where THub : HubFactory
{
    private HttpClient? _client;

    protected THub Hub { get; } = hub;

    protected HttpClient Client => _client ??= Hub.CreateClient();

    protected HubApi Api => new(Client);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Without a PostgreSQL server the PostgreSQL leg reports as skipped with the reason, never as passed.
        if (!Hub.Available) Assert.Skip(TestPostgres.SkipReason);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A SKU no other test on this hub has used.</summary>
    protected string TakeSku() => Hub.TakeSku();

    protected StockAudit Audit => new(Hub);
}
