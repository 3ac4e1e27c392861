namespace Overal.Hub.Api.Orders;

public sealed record CreateOrderRequest(string? ChannelId, string? ExternalId, DateTimeOffset? PlacedAt, string? Currency, string? PaymentStatus,
    CustomerRequest? Customer, DeliveryRequest? Delivery, IReadOnlyList<CreateOrderLine>? Lines);

public sealed record CustomerRequest(string? Name, string? Email, string? Phone, string? LoyaltyNumber);

/// <param name="Kind">home | click_and_collect | pickup_point</param>
public sealed record DeliveryRequest(string? Kind, string? Street, string? PostalCode, string? City, string? CountryCode, string? StoreLocationId, string? PickupPointId);

public sealed record CreateOrderLine(string? LineId, string? Sku, string? Ean, int? Quantity, decimal? UnitPriceInclVat, decimal? Discount);

/// <param name="Lines">Order line ids to ship; omit to ship every allocated line.</param>
public sealed record ShipRequest(string? Carrier, string? TrackingNumber, string? TrackingUrl, IReadOnlyList<Guid>? Lines);

/// <param name="Reason">out_of_stock | requested_by_customer | not_available_in_time | technical_issue</param>
public sealed record CancelRequest(string? Reason);

/// <param name="Receive">Receive the return at once (e.g. handed in at a store counter).</param>
public sealed record ReturnRequest(string? Reason, IReadOnlyList<ReturnLineBody>? Lines, ReceiveRequest? Receive);

public sealed record ReturnLineBody(Guid? LineId, int? Quantity);

/// <param name="Disposition">restock | damaged</param>
public sealed record ReceiveRequest(string? LocationId, string? Disposition);

public sealed record RefundRequest(string? Status);

/// <param name="Sku">The hub variant the unmatched line is.</param>
public sealed record MatchLineRequest(string? Sku);
