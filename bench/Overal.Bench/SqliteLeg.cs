using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Overal.Bench;

/// <summary>SQLite on a file in the bench's work folder, with the hub's own pragmas.</summary>
public sealed class SqliteLeg(BenchOptions options) : ProviderLeg(options)
{
    public override string Name => "SQLite";

    protected override string HubProvider => "Sqlite";

    private string File => Path.Combine(Options.WorkDirectory, "overal-bench.db");

    protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) System.IO.File.Delete(File + suffix);
        return Task.FromResult(new SqliteConnectionStringBuilder { DataSource = File }.ConnectionString);
    }

    protected override async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override Task<(Func<long, CancellationToken, Task>, IAsyncDisposable)> CeilingAsync(string connectionString, StockFixture stock, CancellationToken cancellationToken)
    {
        var ceiling = new SqliteCeiling(connectionString, stock);
        return Task.FromResult<(Func<long, CancellationToken, Task>, IAsyncDisposable)>((ceiling.ReserveAsync, ceiling));
    }

    public override Task<IReadOnlyList<(string Name, string Value)>> SettingsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, string)>>(
        [
            ("sqlite_version", SqliteVersion()),
            ("pragmas (hub and ceiling)", "journal_mode=WAL, synchronous=NORMAL, busy_timeout=10000"),
            ("writers", "one at a time (in-process gate), readers beside it"),
        ]);

    private string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string?)command.ExecuteScalar() ?? "?";
    }
}
