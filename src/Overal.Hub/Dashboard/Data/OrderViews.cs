using Overal.Core.Orders;

namespace Overal.Hub.Dashboard.Data;

/// <summary>The queue's filters; null or empty means "any". <see cref="Search"/> matches order number, customer name or e-mail.</summary>
public sealed record OrderQueueFilter(string? Channel = null, OrderStatus? Status = null, DeliveryKind? Delivery = null, string? Location = null, string? Search = null);

public sealed record OrderQueuePage(IReadOnlyList<OrderQueueRow> Rows, int Total);

public sealed record OrderQueueRow(Guid Id, string ChannelId, string ExternalId, OrderStatus Status, DateTimeOffset PlacedAt, string Currency, decimal TotalInclVat,
    DeliveryKind DeliveryKind, int Lines, IReadOnlyList<string> Locations);

public enum OrderAction { Allocate, Pick, Pack, Ship, ReadyForPickup, Collect, Cancel }
