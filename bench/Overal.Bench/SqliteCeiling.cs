using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Overal.Bench;

/// <summary>
/// Ceiling (a) on SQLite: the hold statement alone, autocommit, on the hub's database file with the hub's pragmas
/// (WAL, synchronous=NORMAL). Writers queue on one in-process gate like the hub's WriteGate, because SQLite has one
/// writer at a time and busy-waiting on SQLITE_BUSY would measure sleep back-off, not SQLite.
/// </summary>
public sealed class SqliteCeiling(string connectionString, StockFixture stock) : IAsyncDisposable
{
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task ReserveAsync(long sequence, CancellationToken cancellationToken)
    {
        var connection = _idle.TryTake(out var c) ? c : await OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = ReservationStatement.Sql;
            command.Parameters.AddWithValue("@q", 1);
            command.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("@sku", stock.SkuFor(sequence));
            command.Parameters.AddWithValue("@location", stock.LocationId);
            await _gate.WaitAsync(cancellationToken);
            int rows;
            try
            {
                rows = await command.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
            if (rows != 1) throw new InvalidOperationException("The hold statement took nothing.");
        }
        finally
        {
            _idle.Add(connection);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var connection)) await connection.DisposeAsync();
        _gate.Dispose();
    }
}
