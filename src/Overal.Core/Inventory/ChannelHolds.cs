using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>Read side of the channels' own holds, for views that explain or list channel availability outside a stock transaction.</summary>
public static class ChannelHolds
{
    /// <summary>The same query the stock transactions read under the SKU lock (<see cref="StockQueries.HeldSql"/>).</summary>
    public static Task<List<HeldUnits>> ActiveAsync(HubDbContext db, string sku, CancellationToken cancellationToken) =>
        new SqlRunner(db).QueryAsync(StockQueries.HeldSql, StockQueries.MapHeld, cancellationToken, ("@sku", sku));
}
