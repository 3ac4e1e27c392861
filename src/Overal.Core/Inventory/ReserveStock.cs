namespace Overal.Core.Inventory;

/// <param name="LocationId">Reserve at this location only; without it the hub allocates from the channel's pool in priority order.</param>
/// <param name="ExpiresIn">Cart holds only: how long the hold lasts (default 30 minutes).</param>
public sealed record ReserveStock(
    string Sku,
    int Quantity,
    string ChannelId,
    ReservationKind Kind,
    string? LocationId = null,
    TimeSpan? ExpiresIn = null,
    string? Reference = null);
