using Overal.Core.Channels;
using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

internal static class StockQueries
{
    public const string LevelsSql = "SELECT location_id, on_hand, reserved, safety_stock, version FROM stock_levels WHERE sku = @sku";

    public static async Task<List<StockLevel>> LevelsAsync(SqlRunner sql, string sku, CancellationToken cancellationToken) =>
        await sql.QueryAsync(LevelsSql, r => MapLevel(sku, r), cancellationToken, ("@sku", sku));

    /// <summary>Units each channel holds of the SKU per location by its active reservations (see <see cref="HeldUnits"/>).</summary>
    public const string HeldSql = """
        SELECT r.channel_id, a.location_id, SUM(a.quantity) FROM reservations r JOIN reservation_allocations a ON a.reservation_id = r.id
        WHERE r.sku = @sku AND r.status = 'Active' GROUP BY r.channel_id, a.location_id
        """;

    /// <summary>
    /// The channel's availability of the SKU from its levels and its own holds, read in one round trip. Under the SKU
    /// lock this is the channel's current limit: nothing else can change either until the transaction ends.
    /// </summary>
    public static async Task<AvailabilityExplanation> ExplainAsync(SqlRunner sql, ChannelRule rule, string sku, CancellationToken cancellationToken)
    {
        var levels = new List<StockLevel>();
        var held = new List<HeldUnits>();
        await sql.ReadAsync($"{LevelsSql}; {HeldSql}", async (r, ct) =>
        {
            while (await r.ReadAsync(ct)) levels.Add(MapLevel(sku, r));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct)) held.Add(MapHeld(r));
        }, cancellationToken, ("@sku", sku));
        return AvailabilityCalculator.Explain(rule, levels, held);
    }

    /// <summary>Maps a row of <see cref="HeldSql"/>.</summary>
    public static HeldUnits MapHeld(System.Data.Common.DbDataReader r) => new(r.GetString(0), r.GetString(1), (int)r.GetInt64(2));

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
