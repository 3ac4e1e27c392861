using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// Staff resolve what an order from a channel needs (<see cref="OrderAttention"/>): map an unmatched line to a hub
/// variant, accept an unexpected currency. Every resolution of one order first locks the order's row (one UPDATE),
/// so two people resolving at once are serialised: the one who clears the last reason allocates the order, once,
/// exactly as intake would have; a repeat of a resolution already made is a no-op.
/// </summary>
public sealed class OrderAttentionResolver(HubDbContext db, StockTransactions transactions, OrderAllocator allocator, ChannelActionWakeup wakeup,
    IOptions<OrdersOptions> options, TimeProvider time)
{
    /// <summary>Maps an unmatched line to the hub variant <paramref name="sku"/>; the order allocates once no line is unmatched.</summary>
    public async Task MatchLineAsync(Guid orderId, Guid lineId, string? sku, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sku)) throw HubException.Invalid("'sku' is required: the hub variant this line is.");
        sku = sku.Trim();
        if (!await db.Variants.AsNoTracking().AnyAsync(v => v.Sku == sku, cancellationToken))
        {
            throw HubException.Invalid($"No variant with SKU '{sku}': map the line to a SKU the hub sells.");
        }
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockOrderAsync(uow, orderId, now, cancellationToken);
        var line = await db.Set<OrderLine>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == lineId && l.OrderId == orderId, cancellationToken)
            ?? throw HubException.NotFound($"Order '{orderId}' has no line '{lineId}'.");
        if (line.Status != OrderLineStatus.Unmatched)
        {
            // Someone mapped it first (or it always matched): the same answer again is a no-op, a different one a conflict.
            if (line.Sku == sku) return;
            throw HubException.Conflict($"Line {line.LineNumber} is {line.Status.ToString().ToLowerInvariant()} as '{line.Sku}' and cannot be mapped to '{sku}'.",
                new Dictionary<string, object?> { ["lineStatus"] = line.Status.ToString().ToLowerInvariant(), ["sku"] = line.Sku });
        }
        await uow.LockSkuAsync(sku, cancellationToken);
        await uow.Sql.ExecuteAsync(
            "UPDATE order_lines SET sku = @sku, status = @open, match_problem = NULL WHERE id = @line AND status = @unmatched",
            cancellationToken, ("@sku", sku), ("@open", nameof(OrderLineStatus.Open)), ("@line", lineId), ("@unmatched", nameof(OrderLineStatus.Unmatched)));
        OrderJournal.Event(uow, orderId, now, "line_matched",
            $"Line {line.LineNumber} ({Describe(line)}) mapped to {sku}.");
        await FinishAsync(uow, orderId, OrderAttention.UnmatchedLines, now, cancellationToken);
    }

    /// <summary>Accepts the order's currency as it is (nothing is converted); the order allocates once nothing else is open.</summary>
    public async Task AcceptCurrencyAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockOrderAsync(uow, orderId, now, cancellationToken);
        var order = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Attention, o.Currency }).SingleAsync(cancellationToken);
        if (!order.Attention.HasFlag(OrderAttention.UnexpectedCurrency)) return;
        OrderJournal.Event(uow, orderId, now, "currency_accepted", $"{order.Currency} accepted as sent; nothing was converted.");
        await FinishAsync(uow, orderId, OrderAttention.UnexpectedCurrency, now, cancellationToken);
    }

    /// <summary>Click &amp; collect at a store the channel named but the hub does not know: staff choose the hub store.</summary>
    public async Task ChooseStoreAsync(Guid orderId, string? locationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(locationId)) throw HubException.Invalid("'locationId' is required: the click & collect store the customer collects from.");
        locationId = locationId.Trim();
        if (!await db.Locations.AsNoTracking().AnyAsync(l => l.Id == locationId && l.ClickAndCollect, cancellationToken))
        {
            throw HubException.Invalid($"Location '{locationId}' is no click & collect store.");
        }
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockOrderAsync(uow, orderId, now, cancellationToken);
        var order = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Attention, o.StoreLocationId }).SingleAsync(cancellationToken);
        if (!order.Attention.HasFlag(OrderAttention.UnknownLocation))
        {
            if (order.StoreLocationId == locationId) return;
            throw HubException.Conflict($"The order's store is settled already ({order.StoreLocationId ?? "none"}).",
                new Dictionary<string, object?> { ["storeLocationId"] = order.StoreLocationId });
        }
        await uow.Sql.ExecuteAsync("UPDATE orders SET store_location_id = @store WHERE id = @id", cancellationToken, ("@store", locationId), ("@id", orderId));
        OrderJournal.Event(uow, orderId, now, "store_chosen", $"Collected at {locationId}, chosen by staff.");
        await FinishAsync(uow, orderId, OrderAttention.UnknownLocation, now, cancellationToken);
    }

    /// <summary>
    /// Staff checked on the channel the lines the hub could not read and take the order as sent: amounts as they are,
    /// and a line whose quantity the hub cannot take (0, negative, beyond the maximum) is cancelled rather than allocated.
    /// </summary>
    public async Task AcceptLinesAsSentAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await LockOrderAsync(uow, orderId, now, cancellationToken);
        var attention = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.Attention).SingleAsync(cancellationToken);
        if (!attention.HasFlag(OrderAttention.UnreadableLines)) return;
        var dropped = await uow.Sql.ExecuteAsync(
            "UPDATE order_lines SET status = @cancelled WHERE order_id = @id AND (quantity <= 0 OR quantity > @max) AND status IN (@open, @unmatched)",
            cancellationToken, ("@cancelled", nameof(OrderLineStatus.Cancelled)), ("@id", orderId), ("@max", ReservationBook.MaxQuantity),
            ("@open", nameof(OrderLineStatus.Open)), ("@unmatched", nameof(OrderLineStatus.Unmatched)));
        OrderJournal.Event(uow, orderId, now, "lines_accepted",
            dropped == 0 ? "Lines accepted as sent." : $"Lines accepted as sent; {dropped} line(s) with a quantity the hub cannot take cancelled.");
        await FinishAsync(uow, orderId, OrderAttention.UnreadableLines, now, cancellationToken);
    }

    private async Task FinishAsync(StockUnitOfWork uow, Guid orderId, OrderAttention resolving, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().Include(o => o.Lines).Include(o => o.Allocations).AsSplitQuery().SingleAsync(o => o.Id == orderId, cancellationToken);
        if (resolving != OrderAttention.UnmatchedLines) order.Attention &= ~resolving;
        // Mapped, or cancelled as unreadable: the last unmatched line gone settles the mapping too.
        if (order.Lines.All(l => l.Status != OrderLineStatus.Unmatched)) order.Attention &= ~OrderAttention.UnmatchedLines;
        order.AttentionDetail = OrderAttentionReasons.Describe(order, options.Value.ExpectedCurrency(order.ChannelId));
        order.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        if (order.Attention == OrderAttention.None && order.Status == OrderStatus.New)
        {
            OrderJournal.Event(uow, orderId, now, "attention_resolved", "Nothing needs attention any more; the order is allocated as any other.");
            if (options.Value.Sourcing.AllocateOnIngest) await allocator.AllocateAsync(uow, order, cancellationToken);
            else await db.SaveChangesAsync(cancellationToken);
        }
        await uow.CommitAsync(now, cancellationToken);
        wakeup.Wake();
    }

    /// <summary>The guard: one UPDATE that locks the order's row until commit; 404 when there is no such order.</summary>
    private static async Task LockOrderAsync(StockUnitOfWork uow, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await uow.Sql.ExecuteAsync("UPDATE orders SET version = version + 1, updated_at = @now WHERE id = @id",
            cancellationToken, ("@now", now.ToUnixTimeMilliseconds()), ("@id", orderId));
        if (rows == 0) throw HubException.NotFound($"Order '{orderId}' does not exist.");
    }

    private static string Describe(OrderLine line) => string.Join(", ", new[]
    {
        line.ChannelSku is null ? null : $"SKU {line.ChannelSku}", line.Ean is null ? null : $"EAN {line.Ean}", line.Title,
    }.Where(s => s is not null));
}
