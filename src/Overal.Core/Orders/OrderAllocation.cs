namespace Overal.Core.Orders;

/// <summary>Order line → reservation → location and quantity. One reservation per (line, location).</summary>
public sealed class OrderAllocation
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid OrderLineId { get; set; }
    public Guid ReservationId { get; set; }
    public required string LocationId { get; set; }
    public int Quantity { get; set; }
    public AllocationStatus Status { get; set; }
    public Guid? ShipmentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum AllocationStatus { Active, Committed, Released }
