namespace Overal.Channels.Abstractions;

/// <summary>An order as a channel reports it, normalised; the hub maps it onto its own order model.</summary>
/// <param name="OrderDiscount">Order-level discount the channel did not spread over the lines' <see cref="ChannelOrderLine.Discount"/>;
/// the order's total is the lines' value minus this.</param>
public sealed record ChannelOrder(
    string ChannelId,
    string ExternalId,
    DateTimeOffset PlacedAt,
    string Currency,
    ChannelCustomer Customer,
    ChannelDelivery Delivery,
    string PaymentStatus,
    IReadOnlyList<ChannelOrderLine> Lines,
    decimal OrderDiscount = 0m);

/// <param name="Discount">The line's whole discount, its share of order-level discounts included.</param>
/// <param name="Title">The channel's product title, kept so staff can map a line whose SKU/EAN the hub does not know.</param>
public sealed record ChannelOrderLine(string ExternalLineId, string? Sku, string? Ean, int Quantity, decimal UnitPriceInclVat, decimal Discount, string? Title = null);

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
