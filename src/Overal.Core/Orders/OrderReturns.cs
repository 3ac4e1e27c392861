using Overal.Channels.Abstractions;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// Returns (RMA): requested for fulfilled lines with a reason; received at a location, where the units are restocked
/// (a return movement) or written off (a return then a damage movement, so the ledger shows both); the channel is told.
/// </summary>
public sealed class OrderReturns(HubDbContext db, StockTransactions transactions, StockLedger ledger, ChannelActionWakeup wakeup, TimeProvider time)
{

    public async Task<Guid> RequestAsync(Guid orderId, RequestReturn request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) throw HubException.Invalid("'reason' is required.");
        if (request.Lines is not { Count: > 0 }) throw HubException.Invalid("A return needs at least one line.");
        if (request.Lines.Any(l => l.Quantity <= 0)) throw HubException.Invalid("Every returned line needs a positive quantity.");
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        // Lock the order row so two return requests cannot both claim the same units.
        var rows = await uow.Sql.ExecuteAsync("UPDATE orders SET version = version + 1, updated_at = @now WHERE id = @id", cancellationToken,
            ("@now", now.ToUnixTimeMilliseconds()), ("@id", orderId));
        if (rows == 0) throw HubException.NotFound($"Order '{orderId}' does not exist.");
        var order = await db.Set<Order>().Include(o => o.Lines).Include(o => o.Returns).ThenInclude(r => r.Lines).AsSplitQuery().SingleAsync(o => o.Id == orderId, cancellationToken);
        if (!order.Lines.Any(l => l.QuantityShipped > 0))
        {
            throw HubException.Conflict($"The order is {OrderLifecycle.Snake(order.Status)} and nothing has been shipped or collected yet: there is nothing to return.",
                new Dictionary<string, object?> { ["orderStatus"] = OrderLifecycle.Snake(order.Status) });
        }
        var ret = new OrderReturn { Id = Guid.CreateVersion7(), OrderId = orderId, Reason = request.Reason, Status = ReturnStatus.Requested, RefundStatus = RefundStatus.Pending, RequestedAt = now };
        foreach (var group in request.Lines.GroupBy(l => l.LineId))
        {
            var line = order.Lines.FirstOrDefault(l => l.Id == group.Key) ?? throw HubException.Invalid($"Line '{group.Key}' is not part of this order.");
            var claimed = order.Returns.SelectMany(r => r.Lines).Where(l => l.OrderLineId == line.Id).Sum(l => l.Quantity);
            var quantity = group.Sum(l => l.Quantity);
            if (quantity > line.QuantityShipped - claimed)
            {
                throw HubException.Conflict($"Line {line.LineNumber}: {quantity} unit(s) asked back, but only {Math.Max(0, line.QuantityShipped - claimed)} were delivered and not returned yet.");
            }
            ret.Lines.Add(new ReturnLine { ReturnId = ret.Id, OrderLineId = line.Id, Quantity = quantity });
        }
        db.Set<OrderReturn>().Add(ret);
        OrderJournal.Event(uow, orderId, now, "return_requested", $"Return of {ret.Lines.Sum(l => l.Quantity)} unit(s): {request.Reason}.");
        await db.SaveChangesAsync(cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
        return ret.Id;
    }

    public async Task ReceiveAsync(Guid orderId, Guid returnId, ReceiveReturn request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.LocationId)) throw HubException.Invalid("'locationId' is required.");
        var now = time.GetUtcNow();
        var ret = await db.Set<OrderReturn>().AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == returnId && r.OrderId == orderId, cancellationToken)
            ?? throw HubException.NotFound($"Return '{returnId}' of order '{orderId}' does not exist.");
        if (!await db.Locations.AnyAsync(l => l.Id == request.LocationId, cancellationToken)) throw HubException.NotFound($"Location '{request.LocationId}' does not exist.");
        var lineIds = ret.Lines.Select(l => l.OrderLineId).ToList();
        var lines = await db.Set<OrderLine>().AsNoTracking().Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);

        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await uow.LockSkusAsync(lines.Values.Select(l => l.Sku), cancellationToken);
        var received = await uow.Sql.ExecuteAsync(
            "UPDATE order_returns SET status = 'Received', received_at = @now, received_at_location_id = @location, disposition = @disposition WHERE id = @id AND status = 'Requested'",
            cancellationToken, ("@now", now.ToUnixTimeMilliseconds()), ("@location", request.LocationId), ("@disposition", request.Disposition.ToString()), ("@id", returnId));
        if (received == 0) throw HubException.Conflict($"Return '{returnId}' has already been received.", new Dictionary<string, object?> { ["returnStatus"] = "received" });

        foreach (var rl in ret.Lines)
        {
            var line = lines[rl.OrderLineId];
            await ledger.RecordAsync(uow, new RecordMovement(line.Sku, request.LocationId, MovementType.Return, rl.Quantity,
                Reason: ret.Reason, Source: "returns", Reference: $"return:{returnId}", IdempotencyKey: $"return:{returnId}:{line.Id}"), cancellationToken);
            if (request.Disposition == ReturnDisposition.Damaged)
            {
                await ledger.RecordAsync(uow, new RecordMovement(line.Sku, request.LocationId, MovementType.Damage, rl.Quantity,
                    Reason: "Returned damaged", Source: "returns", Reference: $"return:{returnId}", IdempotencyKey: $"return-damage:{returnId}:{line.Id}"), cancellationToken);
            }
            await uow.Sql.ExecuteAsync("UPDATE order_lines SET quantity_returned = quantity_returned + @q WHERE id = @id", cancellationToken, ("@q", rl.Quantity), ("@id", line.Id));
        }
        var order = await db.Set<Order>().SingleAsync(o => o.Id == orderId, cancellationToken);
        OrderJournal.Event(uow, orderId, now, "return_received",
            $"Return received at {request.LocationId}: {ret.Lines.Sum(l => l.Quantity)} unit(s) {(request.Disposition == ReturnDisposition.Restock ? "restocked" : "written off as damaged")}.");
        OrderJournal.Action(db, order, ChannelActionKind.ReturnReceived,
            new ReturnNotice(order.ExternalId, [.. ret.Lines.Select(l => new ShipmentLine(lines[l.OrderLineId].ExternalLineId, l.Quantity))], ret.Reason, request.Disposition.ToString().ToLowerInvariant()), now);
        await db.SaveChangesAsync(cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
        wakeup.Wake();
    }

    public async Task SetRefundStatusAsync(Guid orderId, Guid returnId, RefundStatus status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        var rows = await uow.Sql.ExecuteAsync("UPDATE order_returns SET refund_status = @status WHERE id = @id AND order_id = @order AND refund_status = 'Pending'",
            cancellationToken, ("@status", status.ToString()), ("@id", returnId), ("@order", orderId));
        if (rows == 0)
        {
            var exists = await db.Set<OrderReturn>().AsNoTracking().AnyAsync(r => r.Id == returnId && r.OrderId == orderId, cancellationToken);
            throw exists ? HubException.Conflict("The refund of this return has already been settled.") : HubException.NotFound($"Return '{returnId}' of order '{orderId}' does not exist.");
        }
        OrderJournal.Event(uow, orderId, now, "refund", $"Refund {status.ToString().ToLowerInvariant()}.");
        await db.SaveChangesAsync(cancellationToken);
        await uow.CommitAsync(now, cancellationToken);
    }
}

public sealed record RequestReturn(string Reason, IReadOnlyList<ReturnLineRequest> Lines);

public sealed record ReturnLineRequest(Guid LineId, int Quantity);

public sealed record ReceiveReturn(string LocationId, ReturnDisposition Disposition);

/// <summary>Payload of a return-received write-back (no adapter call exists for it yet).</summary>
public sealed record ReturnNotice(string ExternalOrderId, IReadOnlyList<ShipmentLine> Lines, string Reason, string Disposition);
