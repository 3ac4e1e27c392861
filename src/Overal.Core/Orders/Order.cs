namespace Overal.Core.Orders;

/// <summary>
/// One order from any channel, created at most once per (channel, external id). Customer fields are the minimum
/// needed to fulfil and contact; status changes only through guarded conditional updates (<see cref="OrderLifecycle"/>).
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }
    public required string ChannelId { get; set; }
    public required string ExternalId { get; set; }

    /// <summary>
    /// Store sale: the till's receipt number (Lightspeed invoice_number), the number staff and customers know it by.
    /// <see cref="ExternalId"/> stays the till's sale id, which is unique where receipt numbers need not be.
    /// </summary>
    public string? ReceiptNumber { get; set; }
    public OrderStatus Status { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string Currency { get; set; }
    /// <summary>What the customer pays: the lines' value plus <see cref="ShippingTotal"/> minus order-level discounts.</summary>
    public decimal TotalInclVat { get; set; }

    /// <summary>What the customer paid for delivery, as the channel reported it.</summary>
    public decimal ShippingTotal { get; set; }
    public decimal DiscountTotal { get; set; }
    public required string PaymentStatus { get; set; }

    public string? CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string? LoyaltyNumber { get; set; }

    public DeliveryKind DeliveryKind { get; set; }
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? CountryCode { get; set; }

    /// <summary>Click &amp; collect: the store the customer chose.</summary>
    public string? StoreLocationId { get; set; }

    /// <summary>Click &amp; collect: when the store reported it ready for pick-up (set by <see cref="OrderLifecycle"/>).</summary>
    public DateTimeOffset? ReadyForPickupAt { get; set; }

    /// <summary>Click &amp; collect: when the customer collected it.</summary>
    public DateTimeOffset? CollectedAt { get; set; }

    /// <summary>Pick-up point or locker id.</summary>
    public string? PickupPointId { get; set; }

    /// <summary>What staff must resolve before the order allocates (<see cref="OrderAttention.None"/> when nothing).</summary>
    public OrderAttention Attention { get; set; }

    /// <summary>The reasons in words, for the order page and the alert; null when nothing needs attention.</summary>
    public string? AttentionDetail { get; set; }

    /// <summary>Bumped on every status change.</summary>
    public long Version { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
    public List<OrderAllocation> Allocations { get; set; } = [];
    public List<Shipment> Shipments { get; set; } = [];
    public List<OrderReturn> Returns { get; set; } = [];
    public List<DecisionLogEntry> Decisions { get; set; } = [];
    public List<OrderEvent> Timeline { get; set; } = [];
}

public enum OrderStatus { New, Allocated, Picking, Packed, Shipped, Delivered, ReadyForPickup, Collected, Cancelled, Completed }

/// <remarks><see cref="StoreSale"/>: sold and handed over at a store's till; recorded complete, never worked in the queue.</remarks>
public enum DeliveryKind { Home, ClickAndCollect, PickupPoint, StoreSale }
