namespace Overal.Channels.Abstractions;

/// <summary>An order as a channel reports it, normalised; the hub maps it onto its own order model.</summary>
/// <param name="OrderDiscount">Order-level discount the channel did not spread over the lines' <see cref="ChannelOrderLine.Discount"/>;
/// the order's total is the lines' value minus this.</param>
/// <param name="Shipping">What the customer paid for delivery (after any shipping discount), in <paramref name="Currency"/>;
/// part of the order's total, never of a line.</param>
/// <param name="CancelledAtSource">The channel reports the order cancelled already (Shopify <c>cancelled_at</c>, a voided
/// payment, Amazon <c>Canceled</c>): it is stored for the record and allocates nothing; nothing is sent back.</param>
/// <param name="Note">What the adapter wants on the order's timeline about how it read the order (e.g. the amounts in the
/// customer's presentment currency); never personal data.</param>
public sealed record ChannelOrder(
    string ChannelId,
    string ExternalId,
    DateTimeOffset PlacedAt,
    string Currency,
    ChannelCustomer Customer,
    ChannelDelivery Delivery,
    string PaymentStatus,
    IReadOnlyList<ChannelOrderLine> Lines,
    decimal OrderDiscount = 0m,
    decimal Shipping = 0m,
    bool CancelledAtSource = false,
    string? Note = null);

/// <param name="Discount">The line's whole discount, its share of order-level discounts included.</param>
/// <param name="Title">The channel's product title, kept so staff can map a line whose SKU/EAN the hub does not know.</param>
/// <param name="Total">What the channel charged for the whole line after <paramref name="Discount"/>, when it says so
/// (Amazon's ItemPrice is the line's price for all units): stored as sent, never re-derived as quantity × unit price −
/// discount, which can differ by a cent where the channel rounds per line. Null: the hub computes it.</param>
/// <param name="Problem">What the adapter could not read from the channel's line (no price, a quantity it cannot take…):
/// the order is stored needing attention with this reason on the line. Null when the line was read in full.</param>
public sealed record ChannelOrderLine(string ExternalLineId, string? Sku, string? Ean, int Quantity, decimal UnitPriceInclVat, decimal Discount, string? Title = null,
    decimal? Total = null, string? Problem = null);

public sealed record ChannelCustomer(string? Name, string? Email, string? Phone, string? LoyaltyNumber);

/// <param name="Kind">home | click_and_collect | pickup_point</param>
public sealed record ChannelDelivery(
    string Kind,
    string? Street,
    string? PostalCode,
    string? City,
    string? CountryCode,
    string? StoreLocationId,
    string? PickupPointId);

/// <summary>Where the last fetch stopped: a time and/or the channel's own page token.</summary>
public sealed record ChannelOrderCursor(DateTimeOffset Since, string? PageToken);

public sealed record ChannelOrderPage(IReadOnlyList<ChannelOrder> Orders, ChannelOrderCursor Next, bool HasMore);
