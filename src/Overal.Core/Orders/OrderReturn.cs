namespace Overal.Core.Orders;

/// <summary>A return (RMA): requested for lines with a reason, then received at a location and restocked or written off.</summary>
public sealed class OrderReturn
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public required string Reason { get; set; }
    public ReturnStatus Status { get; set; }
    public RefundStatus RefundStatus { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public string? ReceivedAtLocationId { get; set; }
    public ReturnDisposition? Disposition { get; set; }
    public List<ReturnLine> Lines { get; set; } = [];
}

public sealed class ReturnLine
{
    public Guid ReturnId { get; set; }
    public Guid OrderLineId { get; set; }
    public int Quantity { get; set; }
}

public enum ReturnStatus { Requested, Received }

public enum RefundStatus { Pending, Refunded, Rejected }

public enum ReturnDisposition { Restock, Damaged }
