namespace Overal.Core.Inventory;

/// <summary>One append-only ledger row. The sum of <see cref="Delta"/> per (SKU, location) is its on-hand.</summary>
public sealed class StockMovement
{
    public Guid Id { get; set; }
    public required string Sku { get; set; }
    public required string LocationId { get; set; }
    public MovementType Type { get; set; }

    /// <summary>What was asked: units moved, or the counted on-hand for a count.</summary>
    public int Quantity { get; set; }

    /// <summary>The change to on-hand this row made.</summary>
    public int Delta { get; set; }
    public int OnHandAfter { get; set; }
    public string? ToLocationId { get; set; }

    /// <summary>For a transfer: the id of the other leg.</summary>
    public Guid? TransferId { get; set; }
    public string? Reason { get; set; }

    /// <summary>Where it came from: a channel and its reference, an order, a reservation.</summary>
    public string? Source { get; set; }
    public string? Reference { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
