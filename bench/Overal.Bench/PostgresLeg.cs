using System.Data.Common;
using Npgsql;

namespace Overal.Bench;

/// <summary>PostgreSQL as started by scripts/bench.sh: durable defaults (fsync and synchronous_commit on).</summary>
public sealed class PostgresLeg(BenchOptions options) : ProviderLeg(options)
{
    private const string DatabaseName = "overal_bench";
    private const int HubMaxAutoPrepare = 20;

    public override string Name => "PostgreSQL";

    protected override string HubProvider => "Postgres";

    protected override async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(Options.Postgres);
        await admin.OpenAsync(cancellationToken);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", $"CREATE DATABASE {DatabaseName}" })
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new NpgsqlConnectionStringBuilder(Options.Postgres) { Database = DatabaseName }.ConnectionString;
    }

    protected override async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override Task<(Func<long, CancellationToken, Task>, IAsyncDisposable)> CeilingAsync(string connectionString, StockFixture stock, CancellationToken cancellationToken)
    {
        // Same connection settings as the hub: Npgsql's default pool (100) and, unless the connection string names it,
        // the hub's automatic statement preparation (HubDatabaseServiceCollectionExtensions.WithAutoPrepare).
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) settings.MaxAutoPrepare = HubMaxAutoPrepare;
        var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var ceiling = new PostgresCeiling(dataSource, stock);
        return Task.FromResult<(Func<long, CancellationToken, Task>, IAsyncDisposable)>((ceiling.ReserveAsync, dataSource));
    }

    public override async Task<IReadOnlyList<(string Name, string Value)>> SettingsAsync(CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(Options.Postgres);
        await admin.OpenAsync(cancellationToken);
        var settings = new List<(string, string)>();
        foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections" })
        {
            await using var command = new NpgsqlCommand($"SHOW {name}", admin);
            settings.Add((name, (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "?"));
        }
        settings.Add(("Npgsql Max Auto Prepare (hub and ceiling)", Options.Postgres!.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            ? new NpgsqlConnectionStringBuilder(Options.Postgres).MaxAutoPrepare.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : HubMaxAutoPrepare.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return settings;
    }
}
