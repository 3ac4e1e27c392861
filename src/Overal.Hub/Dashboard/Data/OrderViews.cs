using Overal.Core.Orders;

namespace Overal.Hub.Dashboard.Data;

/// <summary>
/// The queue's filters; null or empty means "any". <see cref="Statuses"/> is a set (any of them). Store sales (till
/// sales, recorded complete) are left out unless <see cref="Delivery"/> asks for them: they are never work.
/// <see cref="Search"/> matches order or receipt number, customer name or e-mail.
/// </summary>
public sealed record OrderQueueFilter(string? Channel = null, IReadOnlyCollection<OrderStatus>? Statuses = null, DeliveryKind? Delivery = null, string? Location = null,
    string? Search = null)
{
    /// <summary>Every status that still needs someone to do something: the queue's default.</summary>
    public static readonly IReadOnlyList<OrderStatus> OpenStatuses =
        [OrderStatus.New, OrderStatus.Allocated, OrderStatus.Picking, OrderStatus.Packed, OrderStatus.ReadyForPickup];

    /// <summary>What the queue shows before anyone touches a filter: open orders, no store sales.</summary>
    public static OrderQueueFilter Open => new(Statuses: OpenStatuses);
}

public sealed record OrderQueuePage(IReadOnlyList<OrderQueueRow> Rows, int Total);

/// <param name="Number">What staff call the order: the till's receipt number for a store sale, else the channel's order number.</param>
public sealed record OrderQueueRow(Guid Id, string ChannelId, string Number, OrderStatus Status, DateTimeOffset PlacedAt, string Currency, decimal TotalInclVat,
    DeliveryKind DeliveryKind, int Lines, IReadOnlyList<string> Locations);

public enum OrderAction { Allocate, Pick, Pack, Ship, ReadyForPickup, Collect, Cancel }
