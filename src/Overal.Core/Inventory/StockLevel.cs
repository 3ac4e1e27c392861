namespace Overal.Core.Inventory;

/// <summary>
/// On-hand and reserved per (SKU, location), kept in the same transaction as the ledger row that changed it.
/// Changed only by conditional SQL statements (see <see cref="StockStatements"/>), never read-modify-write.
/// </summary>
public sealed class StockLevel
{
    public required string Sku { get; set; }
    public required string LocationId { get; set; }
    public int OnHand { get; set; }
    public int Reserved { get; set; }
    public int SafetyStock { get; set; }
    public long Version { get; set; }

    /// <summary>The change the last movement made; lets one statement return a count's delta (SET sees the old row).</summary>
    public int LastDelta { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Available to promise: what may still be reserved here; never below 0.</summary>
    public int Atp => Math.Max(0, OnHand - Reserved - SafetyStock);
}
