using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

internal static class StockQueries
{
    public const string LevelsSql = "SELECT location_id, on_hand, reserved, safety_stock, version FROM stock_levels WHERE sku = @sku";

    public static async Task<List<StockLevel>> LevelsAsync(SqlRunner sql, string sku, CancellationToken cancellationToken) =>
        await sql.QueryAsync(LevelsSql, r => MapLevel(sku, r), cancellationToken, ("@sku", sku));

    /// <summary>Maps a row of <see cref="LevelsSql"/>.</summary>
    public static StockLevel MapLevel(string sku, System.Data.Common.DbDataReader r) => new()
    {
        Sku = sku,
        LocationId = r.GetString(0),
        OnHand = r.GetInt32(1),
        Reserved = r.GetInt32(2),
        SafetyStock = r.GetInt32(3),
        Version = r.GetInt64(4),
    };

    /// <summary>
    /// Creates the (SKU, location) row with the location's default safety stock if it is not there yet. An unknown
    /// location inserts nothing; the caller's conditional statement then changes no row and reports it.
    /// </summary>
    public static async Task EnsureLevelAsync(SqlRunner sql, string sku, string locationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await sql.ExecuteAsync(
            """
            INSERT INTO stock_levels (sku, location_id, on_hand, reserved, safety_stock, version, last_delta, updated_at)
            SELECT @sku, l.id, 0, 0, l.default_safety_stock, 0, 0, @now FROM locations l WHERE l.id = @location
            ON CONFLICT (sku, location_id) DO NOTHING
            """,
            cancellationToken, ("@sku", sku), ("@location", locationId), ("@now", now.ToUnixTimeMilliseconds()));
    }
}
