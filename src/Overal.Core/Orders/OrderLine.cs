namespace Overal.Core.Orders;

/// <summary>One order line. A line is allocated whole (possibly split over locations) or not at all, so a short line never ties up units others could sell.</summary>
public sealed class OrderLine
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }

    /// <summary>The channel's own line id (used when confirming or cancelling on the channel).</summary>
    public required string ExternalLineId { get; set; }
    /// <summary>The hub variant; empty while the line is <see cref="OrderLineStatus.Unmatched"/>.</summary>
    public required string Sku { get; set; }

    /// <summary>The SKU exactly as the channel sent it (it may differ from <see cref="Sku"/> once staff mapped the line).</summary>
    public string? ChannelSku { get; set; }

    /// <summary>The channel's product title, so staff can tell what an unmatched line was.</summary>
    public string? Title { get; set; }

    /// <summary>Why the line matched no hub variant; null when it matched (or once staff mapped it).</summary>
    public string? MatchProblem { get; set; }

    /// <summary>What the hub could not take from the channel's line as sent (no price, a quantity out of range); null when read in full.</summary>
    public string? ReadProblem { get; set; }
    public string? Ean { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPriceInclVat { get; set; }
    public decimal Discount { get; set; }

    /// <summary>
    /// What the channel charged for the whole line, when it said so (Amazon's ItemPrice): kept as sent so the hub's
    /// numbers equal the channel's to the cent. Null: quantity × unit price − discount is the line's value.
    /// </summary>
    public decimal? ChargedTotal { get; set; }
    public OrderLineStatus Status { get; set; }

    /// <summary>Backordered lines: when stock is expected.</summary>
    public DateTimeOffset? ExpectedAt { get; set; }
    public int QuantityShipped { get; set; }
    public int QuantityReturned { get; set; }

    public decimal Value => ChargedTotal ?? Quantity * UnitPriceInclVat - Discount;
}

/// <remarks>Unmatched: the channel's SKU/EAN is no hub variant; the line waits for staff to map it and allocates nothing.</remarks>
public enum OrderLineStatus { Open, Allocated, Backordered, Shipped, Collected, Cancelled, Completed, Unmatched }
