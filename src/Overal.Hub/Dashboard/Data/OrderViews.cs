using Overal.Core.Orders;

namespace Overal.Hub.Dashboard.Data;

public sealed record OrderQueuePage(IReadOnlyList<OrderQueueRow> Rows, int Total);

public sealed record OrderQueueRow(Guid Id, string ChannelId, string ExternalId, OrderStatus Status, DateTimeOffset PlacedAt, string Currency, decimal TotalInclVat,
    DeliveryKind DeliveryKind, int Lines, IReadOnlyList<string> Locations);

public enum OrderAction { Allocate, Pick, Pack, Ship, ReadyForPickup, Collect, Cancel }
