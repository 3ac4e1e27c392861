namespace Overal.Core.Orders;

/// <summary>One marketplace order line the channel sold but the hub could not allocate; counted per channel.</summary>
public sealed class OversellRecord
{
    public Guid Id { get; set; }
    public required string ChannelId { get; set; }
    public Guid OrderId { get; set; }
    public Guid OrderLineId { get; set; }
    public required string Sku { get; set; }
    public int Quantity { get; set; }

    /// <summary>What the policy did: cancel | backorder.</summary>
    public required string Outcome { get; set; }
    public DateTimeOffset At { get; set; }
}
