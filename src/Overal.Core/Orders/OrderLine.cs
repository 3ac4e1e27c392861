namespace Overal.Core.Orders;

/// <summary>One order line. A line is allocated whole (possibly split over locations) or not at all, so a short line never ties up units others could sell.</summary>
public sealed class OrderLine
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }

    /// <summary>The channel's own line id (used when confirming or cancelling on the channel).</summary>
    public required string ExternalLineId { get; set; }
    public required string Sku { get; set; }
    public string? Ean { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPriceInclVat { get; set; }
    public decimal Discount { get; set; }
    public OrderLineStatus Status { get; set; }

    /// <summary>Backordered lines: when stock is expected.</summary>
    public DateTimeOffset? ExpectedAt { get; set; }
    public int QuantityShipped { get; set; }
    public int QuantityReturned { get; set; }

    public decimal Value => Quantity * UnitPriceInclVat - Discount;
}

public enum OrderLineStatus { Open, Allocated, Backordered, Shipped, Collected, Cancelled, Completed }
