using Microsoft.EntityFrameworkCore;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Api.Orders;

namespace Overal.Hub.Dashboard.Data;

/// <summary>
/// The Orders pages' reads and lifecycle actions. Store staff see and act only on orders allocated to (or collected at)
/// their store; that is enforced here, not only hidden in the page. The detail is the API's own <see cref="OrderDetail"/>,
/// so the page and <c>GET /api/orders/{id}</c> cannot disagree.
/// </summary>
public sealed class OrderData(IServiceScopeFactory scopes)
{
    public async Task<OrderQueuePage> QueueAsync(DashboardScope who, OrderQueueFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var query = db.Set<Order>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Channel)) query = query.Where(o => o.ChannelId == filter.Channel);
        if (filter.Statuses is { Count: > 0 } statuses) query = query.Where(o => statuses.Contains(o.Status));
        // Till sales are records of what was sold, not work: only when asked for.
        query = filter.Delivery is { } d ? query.Where(o => o.DeliveryKind == d) : query.Where(o => o.DeliveryKind != DeliveryKind.StoreSale);
        // Store staff are bound to their store whatever the filter says.
        if ((who.Store ?? NullIfEmpty(filter.Location)) is { } location)
        {
            query = query.Where(o => o.Allocations.Any(a => a.LocationId == location) || o.StoreLocationId == location);
        }
        if (NullIfEmpty(filter.Search?.Trim()) is { } search)
        {
            // Case-insensitive on both databases (PostgreSQL's LIKE is not); the queue is paged, so a scan is acceptable.
            var term = search.ToLowerInvariant();
            query = query.Where(o => o.ExternalId.ToLower().Contains(term)
                || (o.ReceiptNumber != null && o.ReceiptNumber.ToLower().Contains(term))
                || (o.CustomerName != null && o.CustomerName.ToLower().Contains(term))
                || (o.CustomerEmail != null && o.CustomerEmail.ToLower() == term));
        }
        var total = await query.CountAsync(cancellationToken);
        // Newest first: the queue is worked from what just came in.
        var rows = await query.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Skip(page * pageSize).Take(pageSize)
            .Select(o => new { o.Id, o.ChannelId, Number = o.ReceiptNumber ?? o.ExternalId, o.Status, o.PlacedAt, o.Currency, o.TotalInclVat, o.DeliveryKind, Lines = o.Lines.Count })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var locations = (await db.Set<OrderAllocation>().AsNoTracking().Where(a => ids.Contains(a.OrderId)).Select(a => new { a.OrderId, a.LocationId }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(a => a.OrderId, a => a.LocationId);
        return new OrderQueuePage([.. rows.Select(r => new OrderQueueRow(r.Id, r.ChannelId, r.Number, r.Status, r.PlacedAt, r.Currency, r.TotalInclVat, r.DeliveryKind, r.Lines,
            [.. locations[r.Id].Order(StringComparer.Ordinal)]))], total);
    }

    /// <summary>Every location, the warehouse first: for the queue's location filter and where returns are received.</summary>
    public async Task<IReadOnlyList<string>> LocationsAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var locations = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Locations.AsNoTracking()
            .Select(l => new { l.Id, l.Kind }).ToListAsync(cancellationToken);
        return [.. locations.OrderBy(l => l.Kind == LocationKind.Warehouse ? 0 : 1).ThenBy(l => l.Id, StringComparer.Ordinal).Select(l => l.Id)];
    }

    /// <summary>Channel, system and location names for the ids on the order pages (small tables, read per page load).</summary>
    public async Task<DisplayNames> NamesAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var channels = await db.Channels.AsNoTracking().Select(c => new { c.Id, c.Name, c.System }).ToListAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken);
        return new DisplayNames(channels.ToDictionary(c => c.Id, c => c.Name), channels.ToDictionary(c => c.Id, c => c.System), locations.ToDictionary(l => l.Id, l => l.Name));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public async Task<IReadOnlyList<string>> ChannelsAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Set<Order>().AsNoTracking().Select(o => o.ChannelId).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }

    /// <summary>The order as the API shows it, or null when it does not exist or is outside the user's store.</summary>
    public async Task<OrderDetail?> DetailAsync(DashboardScope who, Guid id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        try
        {
            var detail = (await OrderEndpoints.DetailAsync(db, id, cancellationToken)).Value!;
            return Visible(who, detail) ? detail : null;
        }
        catch (HubException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task AllocateAsync(DashboardScope who, Guid id, CancellationToken cancellationToken) => ActAsync(who, id, (o, ct) => o.AllocateAsync(id, ct), cancellationToken);

    public Task PickAsync(DashboardScope who, Guid id, CancellationToken cancellationToken) => ActAsync(who, id, (o, ct) => o.PickAsync(id, ct), cancellationToken);

    public Task PackAsync(DashboardScope who, Guid id, CancellationToken cancellationToken) => ActAsync(who, id, (o, ct) => o.PackAsync(id, ct), cancellationToken);

    public Task ShipAsync(DashboardScope who, Guid id, string carrier, string trackingNumber, string? trackingUrl, CancellationToken cancellationToken) =>
        ActAsync(who, id, (o, ct) => o.ShipAsync(id, new ShipOrder(carrier.Trim(), trackingNumber.Trim(), string.IsNullOrWhiteSpace(trackingUrl) ? null : trackingUrl.Trim(), null), ct), cancellationToken);

    public Task ReadyForPickupAsync(DashboardScope who, Guid id, CancellationToken cancellationToken) => ActAsync(who, id, (o, ct) => o.ReadyForPickupAsync(id, ct), cancellationToken);

    public Task CollectAsync(DashboardScope who, Guid id, CancellationToken cancellationToken) => ActAsync(who, id, (o, ct) => o.CollectAsync(id, ct), cancellationToken);

    public Task CancelAsync(DashboardScope who, Guid id, string reason, CancellationToken cancellationToken) => ActAsync(who, id, (o, ct) => o.CancelAsync(id, reason, ct), cancellationToken);

    /// <summary>Asks units of shipped or collected lines back; the core refuses more than was delivered and not yet claimed (409).</summary>
    public Task RequestReturnAsync(DashboardScope who, Guid id, string reason, IReadOnlyList<ReturnLineRequest> lines, CancellationToken cancellationToken) =>
        ActAsync<OrderReturns>(who, id, (r, ct) => r.RequestAsync(id, new RequestReturn(reason.Trim(), [.. lines.Where(l => l.Quantity != 0)]), ct), cancellationToken);

    /// <summary>Receives a requested return at a location (store staff: only their own store), restocked or written off.</summary>
    public async Task ReceiveReturnAsync(DashboardScope who, Guid id, Guid returnId, string locationId, ReturnDisposition disposition, CancellationToken cancellationToken)
    {
        if (!who.MaySee(locationId)) throw HubException.Invalid($"You may not receive returns at '{locationId}'.");
        await ActAsync<OrderReturns>(who, id, (r, ct) => r.ReceiveAsync(id, returnId, new ReceiveReturn(locationId, disposition), ct), cancellationToken);
    }

    /// <summary>Settles a return's refund as paid or rejected: money, so operations and admins only, never store staff.</summary>
    public Task SettleRefundAsync(DashboardScope who, Guid id, Guid returnId, RefundStatus status, CancellationToken cancellationToken)
    {
        if (!who.CanOperate) throw HubException.Invalid("Only operations and admins settle refunds.");
        if (status == RefundStatus.Pending) throw HubException.Invalid("A refund is settled as refunded or rejected.");
        return ActAsync<OrderReturns>(who, id, (r, ct) => r.SetRefundStatusAsync(id, returnId, status, ct), cancellationToken);
    }

    /// <summary>Where the user may receive a return: store staff their own store, others every location (warehouses first).</summary>
    public async Task<IReadOnlyList<string>> ReturnLocationsAsync(DashboardScope who, CancellationToken cancellationToken)
    {
        if (who.Store is { } store) return [store];
        return await LocationsAsync(cancellationToken);
    }

    /// <summary>Per line, how many units can still be asked back: delivered (shipped or collected) minus every return's claim.</summary>
    public static IReadOnlyDictionary<Guid, int> Returnable(OrderDetail order)
    {
        var claimed = order.Returns.SelectMany(r => r.Lines).GroupBy(l => l.LineId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        return order.Lines.ToDictionary(l => l.Id, l => Math.Max(0, l.QuantityShipped - claimed.GetValueOrDefault(l.Id)));
    }

    /// <summary>Maps an unmatched line to a hub SKU (operations and admins, as the API): the order allocates once nothing else waits.</summary>
    public Task MatchLineAsync(DashboardScope who, Guid id, Guid lineId, string sku, CancellationToken cancellationToken)
    {
        if (!who.CanOperate) throw HubException.Invalid("Only operations and admins map order lines.");
        return ActAsync<OrderAttentionResolver>(who, id, (r, ct) => r.MatchLineAsync(id, lineId, sku, ct), cancellationToken);
    }

    /// <summary>Accepts an order's unexpected currency as sent (operations and admins).</summary>
    public Task AcceptCurrencyAsync(DashboardScope who, Guid id, CancellationToken cancellationToken)
    {
        if (!who.CanOperate) throw HubException.Invalid("Only operations and admins accept an order's currency.");
        return ActAsync<OrderAttentionResolver>(who, id, (r, ct) => r.AcceptCurrencyAsync(id, ct), cancellationToken);
    }

    /// <summary>Chooses the hub store a click &amp; collect order at an unknown store is collected at (operations and admins).</summary>
    public Task ChooseStoreAsync(DashboardScope who, Guid id, string locationId, CancellationToken cancellationToken)
    {
        if (!who.CanOperate) throw HubException.Invalid("Only operations and admins choose an order's store.");
        return ActAsync<OrderAttentionResolver>(who, id, (r, ct) => r.ChooseStoreAsync(id, locationId, ct), cancellationToken);
    }

    /// <summary>Accepts lines the hub could not read as sent (operations and admins).</summary>
    public Task AcceptLinesAsync(DashboardScope who, Guid id, CancellationToken cancellationToken)
    {
        if (!who.CanOperate) throw HubException.Invalid("Only operations and admins accept an order's lines as sent.");
        return ActAsync<OrderAttentionResolver>(who, id, (r, ct) => r.AcceptLinesAsSentAsync(id, ct), cancellationToken);
    }

    /// <summary>The click &amp; collect stores, for choosing where an order at an unknown store is collected.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ClickAndCollectStoresAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var stores = await db.Locations.AsNoTracking().Where(l => l.ClickAndCollect).OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken);
        return [.. stores.Select(s => (s.Id, s.Name))];
    }

    /// <summary>Which actions the page offers for a status; the lifecycle still guards every move (409 on a stale page).</summary>
    public static IReadOnlyList<OrderAction> NextActions(OrderDetail order) => order.Status switch
    {
        // Until staff resolve what it needs (mapping, currency), an order can only be cancelled.
        OrderStatus.New when order.NeedsAttention => [OrderAction.Cancel],
        OrderStatus.New => [OrderAction.Allocate, OrderAction.Cancel],
        OrderStatus.Allocated when order.Delivery.Kind == DeliveryKind.ClickAndCollect => [OrderAction.Allocate, OrderAction.Pick, OrderAction.ReadyForPickup, OrderAction.Cancel],
        OrderStatus.Allocated => [OrderAction.Allocate, OrderAction.Pick, OrderAction.Cancel],
        OrderStatus.Picking => [OrderAction.Pack, OrderAction.Cancel],
        OrderStatus.Packed when order.Delivery.Kind == DeliveryKind.ClickAndCollect => [OrderAction.ReadyForPickup, OrderAction.Ship, OrderAction.Cancel],
        OrderStatus.Packed => [OrderAction.Ship, OrderAction.Cancel],
        OrderStatus.ReadyForPickup => [OrderAction.Collect, OrderAction.Cancel],
        _ => [],
    };

    private Task ActAsync(DashboardScope who, Guid id, Func<OrderLifecycle, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        ActAsync<OrderLifecycle>(who, id, action, cancellationToken);

    private async Task ActAsync<TService>(DashboardScope who, Guid id, Func<TService, CancellationToken, Task> action, CancellationToken cancellationToken)
        where TService : notnull
    {
        if (!who.CanAdjust) throw HubException.Invalid("Read-only users cannot change orders.");
        if (who.Store is not null && await DetailAsync(who, id, cancellationToken) is null) throw HubException.Invalid("This order is not allocated to your store.");
        using var scope = scopes.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>(), cancellationToken);
    }

    private static bool Visible(DashboardScope who, OrderDetail order) =>
        who.Store is not { } store || order.Delivery.StoreLocationId == store || order.Allocations.Any(a => a.LocationId == store);
}
