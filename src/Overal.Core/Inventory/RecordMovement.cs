namespace Overal.Core.Inventory;

/// <summary>A request to record a stock movement; validated by <see cref="StockLedger"/>.</summary>
/// <param name="ClampToOnHand">For feeds that report what already happened (a till sale): a sale or damage larger than
/// on-hand takes on-hand to 0 instead of being refused; the ledger row keeps the reported quantity and the real delta.</param>
/// <param name="Quantity">Units moved (&gt; 0); for a count the new on-hand (≥ 0); for an adjustment a signed, non-zero delta.</param>
public sealed record RecordMovement(
    string Sku,
    string LocationId,
    MovementType Type,
    int Quantity,
    string? ToLocationId = null,
    string? Reason = null,
    string? Source = null,
    string? Reference = null,
    string? IdempotencyKey = null,
    DateTimeOffset? OccurredAt = null,
    bool ClampToOnHand = false);

/// <summary>The ledger rows written (two for a transfer) and the resulting levels.</summary>
public sealed record MovementResult(IReadOnlyList<StockMovement> Movements, IReadOnlyList<StockLevel> Levels, bool Replayed);
