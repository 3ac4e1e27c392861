using Microsoft.EntityFrameworkCore;
using Overal.Channels.Abstractions;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// Guarded status changes. Each starts with one conditional UPDATE on the order's status (the guard, which also
/// locks the row), so two requests cannot both move an order; an illegal move is a 409 and the transaction rolls
/// back. Stock leaves on-hand when reservations are committed at shipment or collection; cancellation releases them.
/// </summary>
public sealed class OrderLifecycle(HubDbContext db, StockTransactions transactions, ReservationBook book, OrderAllocator allocator, ChannelActionWakeup wakeup, TimeProvider time)
{
    private static readonly OrderStatus[] Cancellable = [OrderStatus.New, OrderStatus.Allocated, OrderStatus.Picking, OrderStatus.Packed, OrderStatus.ReadyForPickup];

    public static readonly IReadOnlyList<string> ReasonCodes = ["out_of_stock", "requested_by_customer", "not_available_in_time", "technical_issue"];

    public Task PickAsync(Guid id, CancellationToken cancellationToken) => MoveAsync(id, [OrderStatus.Allocated], OrderStatus.Picking, cancellationToken);

    public Task PackAsync(Guid id, CancellationToken cancellationToken) => MoveAsync(id, [OrderStatus.Picking], OrderStatus.Packed, cancellationToken);

    public Task DeliverAsync(Guid id, CancellationToken cancellationToken) => MoveAsync(id, [OrderStatus.Shipped], OrderStatus.Delivered, cancellationToken);

    public async Task ReadyForPickupAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw HubException.NotFound($"Order '{id}' does not exist.");
        if (order.DeliveryKind != DeliveryKind.ClickAndCollect) throw IllegalMove(order.Status, "ready_for_pickup", "it is not a click & collect order");
        if (order.Lines.Any(l => l.Status is OrderLineStatus.Open or OrderLineStatus.Backordered)) throw IllegalMove(order.Status, "ready_for_pickup", "not every line is allocated");
        await MoveAsync(id, [OrderStatus.Allocated, OrderStatus.Packed], OrderStatus.ReadyForPickup, cancellationToken);
    }

    /// <summary>Allocates the order's open and backordered lines (again); allowed until the order ships.</summary>
    public async Task<AllocationOutcome> AllocateAsync(Guid id, CancellationToken cancellationToken)
    {
        // Checked before the locks too, so a refused allocation never waits on (or holds up) staff resolving the order.
        await ThrowIfNeedsAttentionAsync(id, cancellationToken);
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockSkusAsync(uow, id, cancellationToken);
        var now = time.GetUtcNow();
        await GuardAsync(uow, id, [OrderStatus.New, OrderStatus.Allocated, OrderStatus.Picking, OrderStatus.Packed], null, "allocated", now, cancellationToken);
        await ThrowIfNeedsAttentionAsync(id, cancellationToken);
        var order = await LoadAsync(id, cancellationToken);
        var outcome = await allocator.AllocateAsync(uow, order, cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
        wakeup.Wake();
        return outcome;
    }

    /// <summary>Ships the given lines (default: every allocated line): their reservations become sales, and the channel is told.</summary>
    public async Task<Guid> ShipAsync(Guid id, ShipOrder request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Carrier)) throw HubException.Invalid("'carrier' is required.");
        if (string.IsNullOrWhiteSpace(request.TrackingNumber)) throw HubException.Invalid("'trackingNumber' is required.");
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockSkusAsync(uow, id, cancellationToken);
        await GuardAsync(uow, id, [OrderStatus.Packed], null, "shipped", now, cancellationToken);
        var order = await LoadAsync(id, cancellationToken);
        var lines = SelectLines(order, request.LineIds, "shipped");

        var shipment = new Shipment
        {
            Id = Guid.CreateVersion7(), OrderId = id, Carrier = request.Carrier, TrackingNumber = request.TrackingNumber, TrackingUrl = request.TrackingUrl, ShippedAt = now,
            Lines = [.. lines.Select(l => new ShipmentItem { OrderLineId = l.Id, Quantity = l.Quantity })],
        };
        db.Set<Shipment>().Add(shipment);
        await CommitAllocationsAsync(uow, order, lines, shipment.Id, cancellationToken);
        foreach (var line in lines)
        {
            line.Status = OrderLineStatus.Shipped;
            line.QuantityShipped = line.Quantity;
        }
        var complete = order.Lines.All(l => l.Status is OrderLineStatus.Shipped or OrderLineStatus.Cancelled);
        if (complete) order.Status = OrderStatus.Shipped;
        order.UpdatedAt = now;
        OrderJournal.Event(uow, id, now, "shipped",
            $"{lines.Count} line(s) shipped with {request.Carrier} {request.TrackingNumber}{(complete ? "" : "; other lines still open")}.");
        OrderJournal.Action(db, order, ChannelActionKind.ShipmentConfirmed, new ShipmentConfirmation(order.ExternalId,
            [.. lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))], request.Carrier, request.TrackingNumber, request.TrackingUrl, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
        wakeup.Wake();
        return shipment.Id;
    }

    public async Task CollectAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockSkusAsync(uow, id, cancellationToken);
        await GuardAsync(uow, id, [OrderStatus.ReadyForPickup], OrderStatus.Collected, "collected", now, cancellationToken);
        var order = await LoadAsync(id, cancellationToken);
        var lines = order.Lines.Where(l => l.Status == OrderLineStatus.Allocated).ToList();
        await CommitAllocationsAsync(uow, order, lines, null, cancellationToken);
        foreach (var line in lines)
        {
            line.Status = OrderLineStatus.Collected;
            line.QuantityShipped = line.Quantity;
        }
        OrderJournal.Event(uow, id, now, "collected", $"Collected at {order.StoreLocationId}.");
        OrderJournal.Action(db, order, ChannelActionKind.ShipmentConfirmed, new ShipmentConfirmation(order.ExternalId,
            [.. lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))], "click_and_collect", $"collected-{order.StoreLocationId}", null, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
        wakeup.Wake();
    }

    public async Task CancelAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        var code = string.IsNullOrWhiteSpace(reason) ? "requested_by_customer" : reason;
        if (!ReasonCodes.Contains(code)) throw HubException.Invalid($"Unknown cancellation reason '{reason}': use {string.Join(", ", ReasonCodes)}.");
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockSkusAsync(uow, id, cancellationToken);
        await GuardAsync(uow, id, Cancellable, OrderStatus.Cancelled, "cancelled", now, cancellationToken);
        var order = await LoadAsync(id, cancellationToken);
        foreach (var allocation in order.Allocations.Where(a => a.Status == AllocationStatus.Active))
        {
            await book.ReleaseAsync(uow, allocation.ReservationId, cancellationToken);
            allocation.Status = AllocationStatus.Released;
        }
        var cancelled = order.Lines.Where(l => l.Status is OrderLineStatus.Open or OrderLineStatus.Allocated or OrderLineStatus.Backordered or OrderLineStatus.Unmatched).ToList();
        foreach (var line in cancelled) line.Status = OrderLineStatus.Cancelled;
        // A cancelled order needs nothing from staff any more (its alert clears).
        order.Attention = OrderAttention.None;
        order.AttentionDetail = null;
        OrderJournal.Event(uow, id, now, "cancelled", $"Cancelled ({code}); {cancelled.Count} line(s) released.");
        if (cancelled.Count > 0)
        {
            OrderJournal.Action(db, order, ChannelActionKind.LinesCancelled,
                new OrderCancellation(order.ExternalId, [.. cancelled.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))], code), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
        wakeup.Wake();
    }

    private async Task MoveAsync(Guid id, OrderStatus[] from, OrderStatus to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await GuardAsync(uow, id, from, to, Snake(to), now, cancellationToken);
        OrderJournal.Event(uow, id, now, "status_changed", $"→ {Snake(to)}");
        await db.SaveChangesAsync(cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
    }

    /// <summary>The guard: one conditional UPDATE. <paramref name="to"/> null keeps the status and only bumps the version (and locks the row).</summary>
    private async Task GuardAsync(StockUnitOfWork uow, Guid id, OrderStatus[] from, OrderStatus? to, string verb, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var allowed = string.Join(", ", from.Select(s => $"'{s}'"));
        var parameters = new List<(string, object?)> { ("@now", now.ToUnixTimeMilliseconds()), ("@id", id) };
        if (to is not null) parameters.Add(("@to", to.Value.ToString()));
        // The moments click & collect is measured by are stamped by the same statement that makes the move.
        var stamp = to switch
        {
            OrderStatus.ReadyForPickup => "ready_for_pickup_at = @now, ",
            OrderStatus.Collected => "collected_at = @now, ",
            _ => "",
        };
        var rows = await uow.Sql.ExecuteAsync(
            $"UPDATE orders SET {(to is null ? "" : "status = @to, ")}{stamp}version = version + 1, updated_at = @now WHERE id = @id AND status IN ({allowed})",
            cancellationToken, [.. parameters]);
        if (rows == 1) return;
        var current = await db.Set<Order>().AsNoTracking().Where(o => o.Id == id).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(cancellationToken)
            ?? throw HubException.NotFound($"Order '{id}' does not exist.");
        throw IllegalMove(current, verb, $"only an order that is {string.Join(" or ", from.Select(Snake))} can be");
    }

    private static HubException IllegalMove(OrderStatus current, string verb, string why) =>
        HubException.Conflict($"The order is {Snake(current)} and cannot be {verb.Replace('_', ' ')}: {why}.",
            new Dictionary<string, object?> { ["orderStatus"] = Snake(current) });

    public static string Snake(OrderStatus s) => s switch
    {
        OrderStatus.ReadyForPickup => "ready_for_pickup",
        _ => s.ToString().ToLowerInvariant(),
    };

    private async Task LockSkusAsync(StockUnitOfWork uow, Guid id, CancellationToken cancellationToken)
    {
        // Unmatched lines have no hub SKU yet.
        var skus = await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == id && l.Sku != "").Select(l => l.Sku).Distinct().ToListAsync(cancellationToken);
        await uow.LockSkusAsync(skus, cancellationToken);
    }

    private async Task ThrowIfNeedsAttentionAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Status, o.Attention, o.AttentionDetail }).FirstOrDefaultAsync(cancellationToken)
            ?? throw HubException.NotFound($"Order '{id}' does not exist.");
        if (order.Attention == OrderAttention.None) return;
        throw HubException.Conflict($"The order needs attention and cannot be allocated until it is resolved: {order.AttentionDetail}",
            new Dictionary<string, object?> { ["orderStatus"] = Snake(order.Status), ["attention"] = OrderAttentionReasons.Codes(order.Attention) });
    }

    private Task<Order> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Order>().Include(o => o.Lines).Include(o => o.Allocations).AsSplitQuery().SingleAsync(o => o.Id == id, cancellationToken);

    private static List<OrderLine> SelectLines(Order order, IReadOnlyList<Guid>? lineIds, string verb)
    {
        if (lineIds is not { Count: > 0 })
        {
            var allocated = order.Lines.Where(l => l.Status == OrderLineStatus.Allocated).ToList();
            return allocated.Count > 0 ? allocated : throw HubException.Conflict($"The order has no allocated line to be {verb}.");
        }
        var lines = new List<OrderLine>();
        foreach (var lineId in lineIds.Distinct())
        {
            var line = order.Lines.FirstOrDefault(l => l.Id == lineId) ?? throw HubException.Invalid($"Line '{lineId}' is not part of this order.");
            if (line.Status != OrderLineStatus.Allocated)
            {
                throw HubException.Conflict($"Line {line.LineNumber} is {line.Status.ToString().ToLowerInvariant()} and cannot be {verb}.",
                    new Dictionary<string, object?> { ["lineStatus"] = line.Status.ToString().ToLowerInvariant() });
            }
            lines.Add(line);
        }
        return lines;
    }

    private async Task CommitAllocationsAsync(StockUnitOfWork uow, Order order, List<OrderLine> lines, Guid? shipmentId, CancellationToken cancellationToken)
    {
        var lineIds = lines.Select(l => l.Id).ToHashSet();
        foreach (var allocation in order.Allocations.Where(a => a.Status == AllocationStatus.Active && lineIds.Contains(a.OrderLineId)))
        {
            await book.CommitAsync(uow, allocation.ReservationId, $"order-allocation:{allocation.Id}", cancellationToken);
            allocation.Status = AllocationStatus.Committed;
            allocation.ShipmentId = shipmentId;
        }
    }
}

/// <param name="LineIds">Ship only these lines; null or empty ships every allocated line.</param>
public sealed record ShipOrder(string Carrier, string TrackingNumber, string? TrackingUrl, IReadOnlyList<Guid>? LineIds);
