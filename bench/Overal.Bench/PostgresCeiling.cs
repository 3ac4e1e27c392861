using Npgsql;

namespace Overal.Bench;

/// <summary>Ceiling (a) on PostgreSQL: the hold statement alone, autocommit, one pooled connection per operation (as the hub).</summary>
public sealed class PostgresCeiling(NpgsqlDataSource dataSource, StockFixture stock)
{
    public async Task ReserveAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ReservationStatement.Sql, connection);
        command.Parameters.AddWithValue("q", 1);
        command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("sku", stock.SkuFor(sequence));
        command.Parameters.AddWithValue("location", stock.LocationId);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1) throw new InvalidOperationException("The hold statement took nothing.");
    }
}
