using Overal.Core.Inventory;
using Overal.Core.Orders;
using Overal.Hub.Api.Input;

namespace Overal.Hub.Api.Orders;

public sealed record CreateOrderRequest(
    [property: StoredAs(typeof(Order), nameof(Order.ChannelId))] string? ChannelId,
    [property: StoredAs(typeof(Order), nameof(Order.ExternalId))] string? ExternalId,
    DateTimeOffset? PlacedAt,
    [property: StoredAs(typeof(Order), nameof(Order.Currency))] string? Currency,
    [property: StoredAs(typeof(Order), nameof(Order.PaymentStatus))] string? PaymentStatus,
    CustomerRequest? Customer, DeliveryRequest? Delivery, IReadOnlyList<CreateOrderLine>? Lines);

public sealed record CustomerRequest(
    [property: StoredAs(typeof(Order), nameof(Order.CustomerName))] string? Name,
    [property: StoredAs(typeof(Order), nameof(Order.CustomerEmail))] string? Email,
    [property: StoredAs(typeof(Order), nameof(Order.CustomerPhone))] string? Phone,
    [property: StoredAs(typeof(Order), nameof(Order.LoyaltyNumber))] string? LoyaltyNumber);

/// <param name="Kind">home | click_and_collect | pickup_point</param>
public sealed record DeliveryRequest(
    string? Kind,
    [property: StoredAs(typeof(Order), nameof(Order.Street))] string? Street,
    [property: StoredAs(typeof(Order), nameof(Order.PostalCode))] string? PostalCode,
    [property: StoredAs(typeof(Order), nameof(Order.City))] string? City,
    [property: StoredAs(typeof(Order), nameof(Order.CountryCode))] string? CountryCode,
    [property: StoredAs(typeof(Order), nameof(Order.StoreLocationId))] string? StoreLocationId,
    [property: StoredAs(typeof(Order), nameof(Order.PickupPointId))] string? PickupPointId);

public sealed record CreateOrderLine(
    [property: StoredAs(typeof(OrderLine), nameof(OrderLine.ExternalLineId))] string? LineId,
    [property: StoredAs(typeof(OrderLine), nameof(OrderLine.Sku))] string? Sku,
    [property: StoredAs(typeof(OrderLine), nameof(OrderLine.Ean))] string? Ean,
    int? Quantity, decimal? UnitPriceInclVat, decimal? Discount);

/// <param name="Lines">Order line ids to ship; omit to ship every allocated line.</param>
public sealed record ShipRequest(
    [property: StoredAs(typeof(Shipment), nameof(Shipment.Carrier))] string? Carrier,
    [property: StoredAs(typeof(Shipment), nameof(Shipment.TrackingNumber))] string? TrackingNumber,
    [property: StoredAs(typeof(Shipment), nameof(Shipment.TrackingUrl))] string? TrackingUrl,
    IReadOnlyList<Guid>? Lines);

/// <param name="Reason">out_of_stock | requested_by_customer | not_available_in_time | technical_issue</param>
public sealed record CancelRequest(string? Reason);

/// <param name="Receive">Receive the return at once (e.g. handed in at a store counter).</param>
public sealed record ReturnRequest([property: StoredAs(typeof(OrderReturn), nameof(OrderReturn.Reason))] string? Reason, IReadOnlyList<ReturnLineBody>? Lines, ReceiveRequest? Receive);

public sealed record ReturnLineBody(Guid? LineId, int? Quantity);

/// <param name="Disposition">restock | damaged</param>
public sealed record ReceiveRequest([property: StoredAs(typeof(Location), nameof(Location.Id))] string? LocationId, string? Disposition);

public sealed record RefundRequest(string? Status);

/// <param name="Sku">The hub variant the unmatched line is.</param>
public sealed record MatchLineRequest(string? Sku);

/// <summary>Body of POST /api/orders/{id}/choose-store: the hub's click &amp; collect store the customer collects from.</summary>
public sealed record ChooseStoreRequest([property: StoredAs(typeof(Location), nameof(Location.Id))] string? LocationId);
