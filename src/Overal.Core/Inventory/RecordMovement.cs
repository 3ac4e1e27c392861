namespace Overal.Core.Inventory;

/// <summary>A request to record a stock movement; validated by <see cref="StockLedger"/>.</summary>
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
    DateTimeOffset? OccurredAt = null);

/// <summary>The ledger rows written (two for a transfer) and the resulting levels.</summary>
public sealed record MovementResult(IReadOnlyList<StockMovement> Movements, IReadOnlyList<StockLevel> Levels, bool Replayed);
