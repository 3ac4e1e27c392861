using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;
using Overal.Core.Channels;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// Allocates an order's open and backordered lines inside the caller's stock transaction: reads ATP under the SKU
/// locks, plans with <see cref="SourcingPlanner"/>, reserves each part with <see cref="ReservationBook"/> (kind Order,
/// reference = the order line) and writes the decision log. Unallocatable lines become backorders, or for marketplace
/// orders an oversell that the policy cancels on the channel or keeps as backorder.
/// </summary>
public sealed class OrderAllocator(HubDbContext db, ReservationBook book, ChannelRuleBook channels, IOptions<OrdersOptions> options, OrderMetrics metrics, TimeProvider time)
{
    /// <summary>The POS channel: its pool holds every store, so click &amp; collect can reserve at any of them.</summary>
    public const string StoresChannel = "stores";

    internal async Task<AllocationOutcome> AllocateAsync(StockUnitOfWork uow, Order order, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // An order waiting for staff (unmatched lines, unexpected currency) holds no stock until they resolve it.
        if (order.Attention != OrderAttention.None) return new AllocationOutcome(0, 0, 0);
        var pending = order.Lines.Where(l => l.Status is OrderLineStatus.Open or OrderLineStatus.Backordered).OrderBy(l => l.LineNumber).ToList();
        if (pending.Count == 0) return new AllocationOutcome(0, 0, 0);
        await uow.LockSkusAsync(pending.Select(l => l.Sku), cancellationToken);

        var now = time.GetUtcNow();
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, cancellationToken);
        var rule = await channels.FindAsync(order.ChannelId, cancellationToken);
        var storesRule = await channels.FindAsync(StoresChannel, cancellationToken);
        var candidates = Candidates(order, rule, locations, settings.Sourcing);

        var atp = new Dictionary<(string, string), int>();
        foreach (var sku in pending.Select(l => l.Sku).Distinct())
        {
            foreach (var level in await StockQueries.LevelsAsync(uow.Sql, sku, cancellationToken))
            {
                atp[(sku, level.LocationId)] = Math.Max(0, level.OnHand - level.Reserved - level.SafetyStock);
            }
        }

        var plan = SourcingPlanner.Plan([.. pending.Select(l => new PlanLine(l.Id, l.Sku, l.Quantity, l.Value))], candidates, atp, settings.Sourcing,
            order.DeliveryKind == DeliveryKind.ClickAndCollect ? order.StoreLocationId ?? "" : null);
        string ReserveAs(string location) =>
            // Reserve under the order's channel when the location is in its pool; click & collect at a store outside
            // that pool reserves under the stores' own channel, whose pool holds every store.
            rule?.PoolLocationIds.Contains(location) == true || storesRule?.PoolLocationIds.Contains(location) != true ? order.ChannelId : StoresChannel;
        var limited = rule is null || (rule.Buffer == 0 && rule.SharePercent is null && rule.Cap is null) ? plan.Lines : await WithinChannelLimitAsync(uow, rule, plan.Lines, ReserveAs, cancellationToken);

        int allocated = 0, backordered = 0, cancelled = 0;
        var cancelledLines = new List<ShipmentLine>();
        var marketplace = settings.MarketplaceChannels.Contains(order.ChannelId, StringComparer.OrdinalIgnoreCase);
        foreach (var planned in limited)
        {
            var line = pending.Single(l => l.Id == planned.Line.LineId);
            var wasOpen = line.Status == OrderLineStatus.Open;
            db.Set<DecisionLogEntry>().Add(new DecisionLogEntry
            {
                Id = Guid.CreateVersion7(), OrderId = order.Id, OrderLineId = line.Id, At = now, Rule = planned.Rule,
                Candidates = OrderJournal.Truncate(planned.Candidates, 2000),
                Chosen = string.Join(", ", planned.Parts.Select(p => $"{p.Location}:{p.Quantity}")),
                Reason = OrderJournal.Truncate(planned.Reason, 1000),
            });
            if (planned.Parts.Count > 0)
            {
                foreach (var (location, quantity) in planned.Parts)
                {
                    var reserveAs = ReserveAs(location);
                    var reservation = await book.ReserveAsync(uow,
                        new ReserveStock(line.Sku, quantity, reserveAs, ReservationKind.Order, location, null, $"order-line:{line.Id}"), cancellationToken);
                    db.Set<OrderAllocation>().Add(new OrderAllocation
                    {
                        Id = Guid.CreateVersion7(), OrderId = order.Id, OrderLineId = line.Id, ReservationId = reservation.Id,
                        LocationId = location, Quantity = quantity, Status = AllocationStatus.Active, CreatedAt = now,
                    });
                }
                line.Status = OrderLineStatus.Allocated;
                line.ExpectedAt = null;
                allocated++;
                continue;
            }

            if (marketplace && wasOpen)
            {
                var outcome = settings.CancelsOversells ? "cancel" : "backorder";
                db.Set<OversellRecord>().Add(new OversellRecord
                {
                    Id = Guid.CreateVersion7(), ChannelId = order.ChannelId, OrderId = order.Id, OrderLineId = line.Id,
                    Sku = line.Sku, Quantity = line.Quantity, Outcome = outcome, At = now,
                });
                metrics.Oversold.Add(1, new KeyValuePair<string, object?>("channel", order.ChannelId), new KeyValuePair<string, object?>("outcome", outcome));
                var why = planned.Rule == ChannelLimitRule ? $"exceeds what {order.ChannelId} advertised" : "cannot be allocated";
                OrderJournal.Event(uow, order.Id, now, "oversold", $"Line {line.LineNumber} ({line.Quantity} × {line.Sku}) was sold on {order.ChannelId} but {why}; policy: {outcome}.");
                if (settings.CancelsOversells)
                {
                    line.Status = OrderLineStatus.Cancelled;
                    cancelledLines.Add(new ShipmentLine(line.ExternalLineId, line.Quantity));
                    cancelled++;
                    continue;
                }
            }
            line.Status = OrderLineStatus.Backordered;
            line.ExpectedAt = now + settings.BackorderLeadTime;
            backordered++;
        }

        if (cancelledLines.Count > 0)
        {
            OrderJournal.Action(db, order, ChannelActionKind.LinesCancelled, new OrderCancellation(order.ExternalId, cancelledLines, "out_of_stock"), now);
        }
        if (order.Lines.All(l => l.Status == OrderLineStatus.Cancelled))
        {
            order.Status = OrderStatus.Cancelled;
        }
        else if (allocated > 0 && order.Status == OrderStatus.New)
        {
            order.Status = OrderStatus.Allocated;
        }
        order.UpdatedAt = now;
        OrderJournal.Event(uow, order.Id, now, "allocation",
            $"Allocated {allocated} line(s), backordered {backordered}, cancelled {cancelled}.");
        await db.SaveChangesAsync(cancellationToken);
        return new AllocationOutcome(allocated, backordered, cancelled);
    }

    /// <summary>Decision-log rule of a line refused because the channel's buffer, share or cap would be exceeded.</summary>
    public const string ChannelLimitRule = "channel_limit";

    /// <summary>
    /// Drops the planned parts that would take the order's channel past what it advertises (pool ATP → share → buffer →
    /// cap, read under the SKU locks, so no racing allocation or hold can pass the same check), in line order: such a
    /// line is not allocated and, for a marketplace, goes to the oversell policy like a stock-out.
    /// </summary>
    private static async Task<IReadOnlyList<PlannedLine>> WithinChannelLimitAsync(
        StockUnitOfWork uow, ChannelRule rule, IReadOnlyList<PlannedLine> lines, Func<string, string> reserveAs, CancellationToken cancellationToken)
    {
        var left = new Dictionary<string, AvailabilityExplanation>();
        var taken = new Dictionary<string, int>();
        var result = new List<PlannedLine>();
        foreach (var planned in lines)
        {
            var asChannel = planned.Parts.Where(p => reserveAs(p.Location) == rule.ChannelId).Sum(p => p.Quantity);
            if (asChannel == 0)
            {
                result.Add(planned);
                continue;
            }
            var sku = planned.Line.Sku;
            if (!left.TryGetValue(sku, out var limit)) left[sku] = limit = await StockQueries.ExplainAsync(uow.Sql, rule, sku, cancellationToken);
            var already = taken.GetValueOrDefault(sku);
            if (already + asChannel <= limit.Available)
            {
                taken[sku] = already + asChannel;
                result.Add(planned);
                continue;
            }
            result.Add(planned with
            {
                Parts = [],
                Rule = ChannelLimitRule,
                Reason = $"{rule.ChannelId} advertises {limit.Available - already} unit(s) of {sku} (pool ATP {limit.PoolAtp}"
                    + (limit.HeldByChannel > 0 ? $" + {limit.HeldByChannel} it holds" : "")
                    + (limit.SharePercent is { } share ? $", share {share} %" : "")
                    + (limit.Buffer > 0 ? $", buffer {limit.Buffer}" : "")
                    + (limit.Cap is { } cap ? $", cap {cap}" : "")
                    + (limit.HeldByChannel > 0 ? $", minus the {limit.HeldByChannel} held" : "")
                    + $"); the line needs {asChannel}, so it is not allocated although the stock is there. Planned: {planned.Reason}",
            });
        }
        return result;
    }

    private static List<string> Candidates(Order order, ChannelRule? rule, IReadOnlyDictionary<string, Location> locations, SourcingOptions sourcing)
    {
        if (order.DeliveryKind == DeliveryKind.ClickAndCollect)
        {
            return order.StoreLocationId is { } store && locations.TryGetValue(store, out var l) && l.ClickAndCollect ? [store] : [];
        }
        return [.. (rule?.PoolLocationIds ?? []).Where(id => locations.TryGetValue(id, out var l) && l.Kind switch
        {
            LocationKind.Warehouse => true,
            LocationKind.Store => sourcing.ShipFromStore && l.ShipFromStore,
            _ => false,
        })];
    }
}

public sealed record AllocationOutcome(int Allocated, int Backordered, int Cancelled);
