namespace Overal.Core.Orders;

/// <summary>One entry in an order's timeline.</summary>
public sealed class OrderEvent
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>created | allocated | backordered | status_changed | shipped | cancelled | return_requested | return_received | oversold …</summary>
    public required string Type { get; set; }
    public required string Detail { get; set; }
}
