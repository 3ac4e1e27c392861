using Overal.Core.Orders;

namespace Overal.Hub.Api.Orders;

public sealed record OrderPage(IReadOnlyList<OrderSummary> Items, int Page, int PageSize, int Total);

public sealed record OrderSummary(Guid Id, string ChannelId, string ExternalId, OrderStatus Status, DateTimeOffset PlacedAt, string Currency, decimal TotalInclVat,
    DeliveryKind DeliveryKind, int Lines, IReadOnlyList<string> Locations, bool Overdue, bool NeedsAttention = false);

public sealed record OrderDetail(
    Guid Id, string ChannelId, string ExternalId, OrderStatus Status, DateTimeOffset PlacedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Currency, decimal TotalInclVat, decimal DiscountTotal, string PaymentStatus, CustomerView Customer, DeliveryView Delivery,
    IReadOnlyList<LineView> Lines, IReadOnlyList<AllocationView> Allocations, IReadOnlyList<ShipmentView> Shipments, IReadOnlyList<ReturnView> Returns,
    IReadOnlyList<DecisionView> DecisionLog, IReadOnlyList<EventView> Timeline, IReadOnlyList<ActionView> ChannelActions,
    bool NeedsAttention, IReadOnlyList<string> AttentionReasons, string? AttentionDetail, string? ReceiptNumber = null, decimal ShippingTotal = 0m)
{
    public static OrderDetail From(Order o, IReadOnlyList<ChannelAction> actions) => new(
        o.Id, o.ChannelId, o.ExternalId, o.Status, o.PlacedAt, o.CreatedAt, o.UpdatedAt, o.Currency, o.TotalInclVat, o.DiscountTotal, o.PaymentStatus,
        new CustomerView(o.CustomerName, o.CustomerEmail, o.CustomerPhone, o.LoyaltyNumber),
        new DeliveryView(o.DeliveryKind, o.Street, o.PostalCode, o.City, o.CountryCode, o.StoreLocationId, o.PickupPointId),
        [.. o.Lines.OrderBy(l => l.LineNumber).Select(l => new LineView(l.Id, l.LineNumber, l.ExternalLineId, l.Sku, l.Ean, l.Quantity, l.UnitPriceInclVat, l.Discount,
            l.Status, l.ExpectedAt, l.QuantityShipped, l.QuantityReturned, l.ChannelSku, l.Title, l.MatchProblem, l.Value, l.ReadProblem))],
        [.. o.Allocations.OrderBy(a => a.CreatedAt).Select(a => new AllocationView(a.Id, a.OrderLineId, a.ReservationId, a.LocationId, a.Quantity, a.Status, a.ShipmentId))],
        [.. o.Shipments.OrderBy(s => s.ShippedAt).Select(s => new ShipmentView(s.Id, s.Carrier, s.TrackingNumber, s.TrackingUrl, s.ShippedAt,
            [.. s.Lines.Select(l => new QuantityView(l.OrderLineId, l.Quantity))]))],
        [.. o.Returns.OrderBy(r => r.RequestedAt).Select(r => new ReturnView(r.Id, r.Reason, r.Status, r.RefundStatus, r.RequestedAt, r.ReceivedAt, r.ReceivedAtLocationId,
            r.Disposition, [.. r.Lines.Select(l => new QuantityView(l.OrderLineId, l.Quantity))]))],
        // Decisions of one allocation share a millisecond, and version-7 ids are not ordered within one: order by line.
        [.. o.Decisions.OrderBy(d => d.At).ThenBy(d => o.Lines.FirstOrDefault(l => l.Id == d.OrderLineId)?.LineNumber ?? 0).ThenBy(d => d.Id).Select(d => new DecisionView(d.OrderLineId, d.At, d.Rule, d.Candidates, d.Chosen, d.Reason))],
        [.. o.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new EventView(e.At, e.Type, e.Detail))],
        [.. actions.Select(ActionView.From)],
        o.Attention != OrderAttention.None, OrderAttentionReasons.Codes(o.Attention), o.AttentionDetail, o.ReceiptNumber, o.ShippingTotal);
}

public sealed record CustomerView(string? Name, string? Email, string? Phone, string? LoyaltyNumber);

public sealed record DeliveryView(DeliveryKind Kind, string? Street, string? PostalCode, string? City, string? CountryCode, string? StoreLocationId, string? PickupPointId);

/// <param name="Sku">The hub variant; empty while the line is unmatched.</param>
/// <param name="ChannelSku">The SKU as the channel sent it.</param>
/// <param name="MatchProblem">Why the line matched no hub variant (while it is unmatched).</param>
/// <param name="Value">What the line is worth: the channel's charged total where it sent one, else quantity × unit price − discount.</param>
/// <param name="ReadProblem">What the hub could not take from the channel's line as sent.</param>
public sealed record LineView(Guid Id, int LineNumber, string ExternalLineId, string Sku, string? Ean, int Quantity, decimal UnitPriceInclVat, decimal Discount,
    OrderLineStatus Status, DateTimeOffset? ExpectedAt, int QuantityShipped, int QuantityReturned, string? ChannelSku = null, string? Title = null, string? MatchProblem = null,
    decimal Value = 0m, string? ReadProblem = null);

public sealed record AllocationView(Guid Id, Guid LineId, Guid ReservationId, string LocationId, int Quantity, AllocationStatus Status, Guid? ShipmentId);

public sealed record ShipmentView(Guid Id, string Carrier, string TrackingNumber, string? TrackingUrl, DateTimeOffset ShippedAt, IReadOnlyList<QuantityView> Lines);

public sealed record QuantityView(Guid LineId, int Quantity);

public sealed record ReturnView(Guid Id, string Reason, ReturnStatus Status, RefundStatus RefundStatus, DateTimeOffset RequestedAt, DateTimeOffset? ReceivedAt,
    string? ReceivedAtLocationId, ReturnDisposition? Disposition, IReadOnlyList<QuantityView> Lines);

public sealed record DecisionView(Guid? LineId, DateTimeOffset At, string Rule, string Candidates, string Chosen, string Reason);

public sealed record EventView(DateTimeOffset At, string Type, string Detail);

public sealed record ActionView(Guid Id, string ChannelId, ChannelActionKind Kind, ChannelActionStatus Status, int Attempts, DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? LastError, string Payload)
{
    public static ActionView From(ChannelAction a) => new(a.Id, a.ChannelId, a.Kind, a.Status, a.Attempts, a.NextAttemptAt, a.CreatedAt, a.CompletedAt, a.LastError, a.Payload);
}

public sealed record OversellCount(string ChannelId, int Lines, int Units, int Cancelled, int Backordered);
