using System.Text.Json;
using Overal.Core.Inventory;
using Overal.Core.Messaging.Events;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// Adds timeline entries, channel actions and outbox rows to the current unit of work, so they commit with the change
/// they describe. Every order change writes a timeline entry, so this is also where the order is noted for its one
/// <see cref="OrderChanged"/> event (see <see cref="OrderChangeSet"/>); taking the unit of work makes a change outside
/// one impossible to journal.
/// </summary>
internal static class OrderJournal
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Event(StockUnitOfWork uow, Guid orderId, DateTimeOffset at, string type, string detail)
    {
        uow.Db.Set<OrderEvent>().Add(new OrderEvent { Id = Guid.CreateVersion7(), OrderId = orderId, At = at, Type = type, Detail = Truncate(detail, 1000) });
        uow.Part<OrderChangeSet>().Note(uow.Db, orderId, at, type);
    }

    public static void Action<T>(HubDbContext db, Order order, ChannelActionKind kind, T payload, DateTimeOffset now) =>
        db.Set<ChannelAction>().Add(new ChannelAction
        {
            Id = Guid.CreateVersion7(),
            OrderId = order.Id,
            ChannelId = order.ChannelId,
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, Json),
            Status = ChannelActionStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });

    public static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
