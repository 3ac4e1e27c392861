using System.Data.Common;

namespace Overal.Bench;

/// <summary>
/// Makes the seeded demo stock effectively endless so no hold ever gets 409 (the bench measures the happy path),
/// and lists the SKUs and the location the holds land on.
/// </summary>
public sealed record StockFixture(IReadOnlyList<string> Skus, string LocationId)
{
    public const string Channel = "webshop";
    private const int ExtraUnits = 10_000_000;

    /// <summary>Run with the hub stopped. The ledger no longer sums to the levels afterwards: a throwaway bench database.</summary>
    public static async Task<StockFixture> PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var bump = connection.CreateCommand())
        {
            bump.CommandText = $"UPDATE stock_levels SET on_hand = on_hand + {ExtraUnits}";
            await bump.ExecuteNonQueryAsync(cancellationToken);
        }
        var skus = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT sku FROM variants ORDER BY sku";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) skus.Add(reader.GetString(0));
        }
        await using var first = connection.CreateCommand();
        // Holds without a location take from the channel's pool in priority order; with endless stock, always its first.
        first.CommandText = $"SELECT location_id FROM channel_pools WHERE channel_id = '{Channel}' ORDER BY priority LIMIT 1";
        var location = (string?)await first.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Channel '{Channel}' has no pool.");
        return new StockFixture(skus, location);
    }

    public string SkuFor(long sequence) => Skus[(int)((ulong)sequence * 2654435761UL % (ulong)Skus.Count)];
}
