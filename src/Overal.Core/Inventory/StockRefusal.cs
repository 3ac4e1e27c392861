namespace Overal.Core.Inventory;

/// <summary>
/// An oversell prevented: a hold the hub refused (409) because the channel's pool did not have the units, e.g. a
/// webshop checkout, a B2B order or an API client asking for more than is sellable. Written outside the refused
/// (rolled-back) transaction, so the refusal is counted although the request left no other trace.
/// </summary>
public sealed class StockRefusal
{
    public Guid Id { get; set; }
    public required string ChannelId { get; set; }
    public required string Sku { get; set; }

    /// <summary>Set when the hold asked for one location only (e.g. click &amp; collect at a store).</summary>
    public string? LocationId { get; set; }

    public int Requested { get; set; }

    /// <summary>What the pool could have given at that moment (fewer than requested).</summary>
    public int Available { get; set; }

    public DateTimeOffset At { get; set; }
}
