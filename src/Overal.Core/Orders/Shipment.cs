namespace Overal.Core.Orders;

public sealed class Shipment
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public required string Carrier { get; set; }
    public required string TrackingNumber { get; set; }
    public string? TrackingUrl { get; set; }
    public DateTimeOffset ShippedAt { get; set; }
    public List<ShipmentItem> Lines { get; set; } = [];
}

/// <summary>A line (and quantity) in a shipment.</summary>
public sealed class ShipmentItem
{
    public Guid ShipmentId { get; set; }
    public Guid OrderLineId { get; set; }
    public int Quantity { get; set; }
}
