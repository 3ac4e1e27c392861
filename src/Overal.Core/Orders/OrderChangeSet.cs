using Microsoft.EntityFrameworkCore;
using Overal.Core.Inventory;
using Overal.Core.Messaging;
using Overal.Core.Messaging.Events;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// The orders a unit of work changed (noted by <see cref="OrderJournal"/> with every timeline entry); at commit, one
/// <see cref="OrderChanged"/> outbox row per order joins the unit's batch. Status and locations come from the tracked
/// order when the unit loaded it with its allocations (or created it), so the common moves cost no extra round trip;
/// the others are read in one query inside the transaction.
/// </summary>
internal sealed class OrderChangeSet : IUnitOfWorkPart
{
    private readonly List<Noted> _orders = [];

    public void Note(HubDbContext db, Guid orderId, DateTimeOffset at, string type)
    {
        if (_orders.Find(o => o.Id == orderId) is { } known)
        {
            if (!known.Changes.Contains(type)) known.Changes.Add(type);
            return;
        }
        var created = db.ChangeTracker.Entries<Order>().Any(e => e.Entity.Id == orderId && e.State == EntityState.Added);
        _orders.Add(new Noted(orderId, at, [type], created));
    }

    public async Task<IReadOnlyList<SqlStatement>> CommitWritesAsync(StockUnitOfWork uow, CancellationToken cancellationToken)
    {
        var db = uow.Db;
        var known = new Dictionary<Guid, (string Channel, OrderStatus Status, HashSet<string> Locations)>();
        var unknown = new List<Guid>();
        foreach (var noted in _orders)
        {
            var entry = db.ChangeTracker.Entries<Order>().FirstOrDefault(e => e.Entity.Id == noted.Id);
            if (entry is not null && (noted.Created || entry.Collection(o => o.Allocations).IsLoaded))
            {
                var locations = db.ChangeTracker.Entries<OrderAllocation>().Where(a => a.Entity.OrderId == noted.Id).Select(a => a.Entity.LocationId).ToHashSet();
                if (entry.Entity.StoreLocationId is { } store) locations.Add(store);
                known[noted.Id] = (entry.Entity.ChannelId, entry.Entity.Status, locations);
            }
            else
            {
                unknown.Add(noted.Id);
            }
        }
        if (unknown.Count > 0)
        {
            var names = unknown.Select((_, i) => $"@o{i}").ToList();
            var rows = await uow.Sql.QueryAsync(
                $"""
                SELECT o.id, o.channel_id, o.status, o.store_location_id, a.location_id
                FROM orders o LEFT JOIN order_allocations a ON a.order_id = o.id
                WHERE o.id IN ({string.Join(", ", names)})
                """,
                r => (Id: r.GetGuid(0), Channel: r.GetString(1), Status: Enum.Parse<OrderStatus>(r.GetString(2)),
                    Store: r.IsDBNull(3) ? null : r.GetString(3), Location: r.IsDBNull(4) ? null : r.GetString(4)),
                cancellationToken, [.. unknown.Select((id, i) => (names[i], (object?)id))]);
            foreach (var row in rows)
            {
                if (!known.TryGetValue(row.Id, out var order))
                {
                    order = (row.Channel, row.Status, []);
                    known[row.Id] = order;
                }
                if (row.Store is not null) order.Locations.Add(row.Store);
                if (row.Location is not null) order.Locations.Add(row.Location);
            }
        }

        var writes = new List<SqlStatement>();
        foreach (var noted in _orders)
        {
            // An order the unit deleted (none does today) has nothing left to announce.
            if (!known.TryGetValue(noted.Id, out var order)) continue;
            writes.Add(Outbox.Insert(new OrderChanged(noted.Id, order.Channel, OrderLifecycle.Snake(order.Status), noted.Changes,
                [.. order.Locations.Order(StringComparer.Ordinal)]) { OccurredAt = noted.At }));
        }
        _orders.Clear();
        return writes;
    }

    private sealed record Noted(Guid Id, DateTimeOffset At, List<string> Changes, bool Created);
}
