using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;
using Overal.Core.Errors;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Api.Access;
using Overal.Hub.Api.Input;
using Overal.Hub.Auth;

namespace Overal.Hub.Api.Orders;

/// <summary>The order queue: list and detail, hub-created orders, lifecycle actions, returns, oversell counts and channel actions.</summary>
public static class OrderEndpoints
{
    private const int MaxAgeMinutes = 10 * 366 * 24 * 60;
    private static readonly string[] HubChannels = ["webshop", "stores", "b2b"];
    private static readonly OrderStatus[] Open = [OrderStatus.New, OrderStatus.Allocated, OrderStatus.Picking, OrderStatus.Packed, OrderStatus.ReadyForPickup];

    /// <summary>Lifecycle actions: store staff only on orders allocated to or collected at their store.</summary>
    private static readonly ApiAccess OrderAction = ApiAccess.AtStore(StoreScopes.Order);

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/orders").WithTags("Orders");
        api.MapGet("/", List).WithName("ListOrders").RequireAccess(ApiAccess.Read);
        api.MapGet("/{id:guid}", Get).WithName("GetOrder").RequireAccess(ApiAccess.Read);
        api.MapPost("/", Create).WithName("CreateOrder").RequireAccess(ApiAccess.AtStore(StoreScopes.Body<CreateOrderRequest>(r => [r.Delivery?.StoreLocationId])));
        api.MapPost("/{id:guid}/allocate", async (Guid id, OrderLifecycle orders, HubDbContext db, CancellationToken ct) => { await orders.AllocateAsync(id, ct); return await DetailAsync(db, id, ct); }).WithName("AllocateOrder").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/pick", async (Guid id, OrderLifecycle orders, HubDbContext db, CancellationToken ct) => { await orders.PickAsync(id, ct); return await DetailAsync(db, id, ct); }).WithName("PickOrder").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/pack", async (Guid id, OrderLifecycle orders, HubDbContext db, CancellationToken ct) => { await orders.PackAsync(id, ct); return await DetailAsync(db, id, ct); }).WithName("PackOrder").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/ship", Ship).WithName("ShipOrder").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/deliver", async (Guid id, OrderLifecycle orders, HubDbContext db, CancellationToken ct) => { await orders.DeliverAsync(id, ct); return await DetailAsync(db, id, ct); }).WithName("DeliverOrder").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/ready-for-pickup", async (Guid id, OrderLifecycle orders, HubDbContext db, CancellationToken ct) => { await orders.ReadyForPickupAsync(id, ct); return await DetailAsync(db, id, ct); }).WithName("OrderReadyForPickup").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/collect", async (Guid id, OrderLifecycle orders, HubDbContext db, CancellationToken ct) => { await orders.CollectAsync(id, ct); return await DetailAsync(db, id, ct); }).WithName("CollectOrder").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/cancel", async (Guid id, CancelRequest? request, OrderLifecycle orders, HubDbContext db, CancellationToken ct) => { await orders.CancelAsync(id, request?.Reason, ct); return await DetailAsync(db, id, ct); }).WithName("CancelOrder").RequireAccess(OrderAction);
        api.MapPost("/{id:guid}/returns", RequestReturn).WithName("RequestOrderReturn").RequireAccess(ApiAccess.AtStore(StoreScopes.BodyOr<ReturnRequest>(r => r.Receive?.LocationId, StoreScopes.Order)));
        api.MapPost("/{id:guid}/returns/{returnId:guid}/receive", ReceiveReturn).WithName("ReceiveOrderReturn").RequireAccess(ApiAccess.AtStore(StoreScopes.Body<ReceiveRequest>(r => [r.LocationId])));
        api.MapPost("/{id:guid}/returns/{returnId:guid}/refund", Refund).WithName("SetOrderRefundStatus").RequireAccess(ApiAccess.Operate);
        api.MapPost("/{id:guid}/lines/{lineId:guid}/match", MatchLine).WithName("MatchOrderLine").RequireAccess(ApiAccess.Operate);
        api.MapPost("/{id:guid}/accept-currency", AcceptCurrency).WithName("AcceptOrderCurrency").RequireAccess(ApiAccess.Operate);
        api.MapPost("/{id:guid}/choose-store", ChooseStore).WithName("ChooseOrderStore").RequireAccess(ApiAccess.Operate);
        api.MapPost("/{id:guid}/accept-lines", AcceptLines).WithName("AcceptOrderLines").RequireAccess(ApiAccess.Operate);
        api.MapGet("/oversells", Oversells).WithName("OrderOversells").RequireAccess(ApiAccess.Read);
        api.MapGet("/channel-actions", Actions).WithName("ListChannelActions").RequireAccess(ApiAccess.Read);
        return routes;
    }

    private static async Task<Ok<OrderPage>> List(HubDbContext db, IOptions<OrdersOptions> options, TimeProvider time, string? channel, string? status, string? location,
        DateTimeOffset? createdBefore, int? olderThanMinutes, bool? overdue, int? page, int? pageSize, bool? needsAttention, CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        var number = page ?? 1;
        var skip = Paging.Offset(number, size);
        var now = time.GetUtcNow();
        var overdueBefore = now - options.Value.OverdueAfter;
        var query = db.Set<Order>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(channel)) query = query.Where(o => o.ChannelId == channel);
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseStatus).ToList();
            query = query.Where(o => wanted.Contains(o.Status));
        }
        if (!string.IsNullOrWhiteSpace(location)) query = query.Where(o => o.Allocations.Any(a => a.LocationId == location) || o.StoreLocationId == location);
        if (createdBefore is { } before) query = query.Where(o => o.PlacedAt < before);
        if (olderThanMinutes is { } minutes)
        {
            if (minutes is < 0 or > MaxAgeMinutes) throw HubException.Invalid($"'olderThanMinutes' must be between 0 and {MaxAgeMinutes} (ten years).");
            var cut = now.AddMinutes(-minutes);
            query = query.Where(o => o.PlacedAt < cut);
        }
        if (overdue == true) query = query.Where(o => Open.Contains(o.Status) && o.PlacedAt < overdueBefore);
        if (needsAttention is { } attention) query = attention ? query.Where(o => o.Attention != OrderAttention.None) : query.Where(o => o.Attention == OrderAttention.None);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Skip(skip).Take(size)
            .Select(o => new
            {
                o.Id, o.ChannelId, o.ExternalId, o.Status, o.PlacedAt, o.Currency, o.TotalInclVat, o.DeliveryKind,
                Lines = o.Lines.Count, o.Attention,
            })
            .ToListAsync(cancellationToken);
        // A second query rather than a nested DISTINCT, which SQLite cannot translate.
        var ids = rows.Select(r => r.Id).ToList();
        var locations = (await db.Set<OrderAllocation>().AsNoTracking().Where(a => ids.Contains(a.OrderId)).Select(a => new { a.OrderId, a.LocationId }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(a => a.OrderId, a => a.LocationId);
        return TypedResults.Ok(new OrderPage(
            [.. rows.Select(r => new OrderSummary(r.Id, r.ChannelId, r.ExternalId, r.Status, r.PlacedAt, r.Currency, r.TotalInclVat, r.DeliveryKind, r.Lines, [.. locations[r.Id].Order()],
                Open.Contains(r.Status) && r.PlacedAt < overdueBefore, r.Attention != OrderAttention.None))],
            number, size, total));
    }

    private static async Task<Ok<OrderDetail>> Get(Guid id, HubDbContext db, CancellationToken cancellationToken) => await DetailAsync(db, id, cancellationToken);

    private static async Task<Results<Created<OrderDetail>, Ok<OrderDetail>>> Create(CreateOrderRequest request, OrderIntake intake, HubDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var channelId = request.ChannelId ?? throw HubException.Invalid("'channelId' is required.");
        if (!HubChannels.Contains(channelId)) throw HubException.Invalid($"Orders can be created in the hub for {string.Join(", ", HubChannels)}; '{channelId}' orders come from the channel itself.");
        if (request.Lines is not { Count: > 0 }) throw HubException.Invalid("An order needs at least one line.");
        var d = request.Delivery ?? new DeliveryRequest("home", null, null, null, null, null, null);
        var c = request.Customer ?? new CustomerRequest(null, null, null, null);
        var order = new ChannelOrder(channelId, request.ExternalId ?? $"HUB-{Guid.CreateVersion7():N}", request.PlacedAt ?? time.GetUtcNow(), request.Currency ?? "EUR",
            new ChannelCustomer(c.Name, c.Email, c.Phone, c.LoyaltyNumber),
            new ChannelDelivery(d.Kind ?? "home", d.Street, d.PostalCode, d.City, d.CountryCode, d.StoreLocationId, d.PickupPointId),
            request.PaymentStatus ?? "pending",
            [.. request.Lines.Select((l, i) => new ChannelOrderLine(l.LineId ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), l.Sku, l.Ean,
                l.Quantity ?? throw HubException.Invalid($"Line {i + 1}: 'quantity' is required."), l.UnitPriceInclVat ?? 0m, l.Discount ?? 0m))]);
        // An API client can correct its request: an unknown SKU is refused here rather than stored for staff.
        var result = await intake.IngestAsync(order, UnknownItems.Refuse, cancellationToken);
        var detail = await DetailAsync(db, result.OrderId, cancellationToken);
        return result.Created ? TypedResults.Created($"/api/orders/{result.OrderId}", detail.Value) : detail;
    }

    /// <summary>Maps an unmatched line to a hub variant; once no line is unmatched (and nothing else waits) the order allocates.</summary>
    private static async Task<Ok<OrderDetail>> MatchLine(Guid id, Guid lineId, MatchLineRequest request, OrderAttentionResolver resolver, HubDbContext db, CancellationToken cancellationToken)
    {
        await resolver.MatchLineAsync(id, lineId, request.Sku, cancellationToken);
        return await DetailAsync(db, id, cancellationToken);
    }

    /// <summary>Accepts an order in an unexpected currency as sent (nothing is converted).</summary>
    private static async Task<Ok<OrderDetail>> AcceptCurrency(Guid id, OrderAttentionResolver resolver, HubDbContext db, CancellationToken cancellationToken)
    {
        await resolver.AcceptCurrencyAsync(id, cancellationToken);
        return await DetailAsync(db, id, cancellationToken);
    }

    /// <summary>Click &amp; collect at a store the hub did not know: staff choose the hub store it is collected at.</summary>
    private static async Task<Ok<OrderDetail>> ChooseStore(Guid id, ChooseStoreRequest request, OrderAttentionResolver resolver, HubDbContext db, CancellationToken cancellationToken)
    {
        await resolver.ChooseStoreAsync(id, request.LocationId, cancellationToken);
        return await DetailAsync(db, id, cancellationToken);
    }

    /// <summary>Accepts lines the hub could not read as sent (a quantity it cannot take is cancelled, not allocated).</summary>
    private static async Task<Ok<OrderDetail>> AcceptLines(Guid id, OrderAttentionResolver resolver, HubDbContext db, CancellationToken cancellationToken)
    {
        await resolver.AcceptLinesAsSentAsync(id, cancellationToken);
        return await DetailAsync(db, id, cancellationToken);
    }

    private static async Task<Ok<OrderDetail>> Ship(Guid id, ShipRequest request, OrderLifecycle orders, HubDbContext db, CancellationToken cancellationToken)
    {
        await orders.ShipAsync(id, new ShipOrder(request.Carrier ?? "", request.TrackingNumber ?? "", request.TrackingUrl, request.Lines), cancellationToken);
        return await DetailAsync(db, id, cancellationToken);
    }

    private static async Task<Created<OrderDetail>> RequestReturn(Guid id, ReturnRequest request, OrderReturns returns, HubDbContext db, CancellationToken cancellationToken)
    {
        var returnId = await returns.RequestAsync(id, new RequestReturn(request.Reason ?? "",
            [.. (request.Lines ?? []).Select(l => new ReturnLineRequest(l.LineId ?? throw HubException.Invalid("Every returned line needs 'lineId'."), l.Quantity ?? 0))]), cancellationToken);
        if (request.Receive is { } receive)
        {
            await returns.ReceiveAsync(id, returnId, new ReceiveReturn(receive.LocationId ?? "", ParseDisposition(receive.Disposition)), cancellationToken);
        }
        return TypedResults.Created($"/api/orders/{id}", (await DetailAsync(db, id, cancellationToken)).Value);
    }

    private static async Task<Ok<OrderDetail>> ReceiveReturn(Guid id, Guid returnId, ReceiveRequest request, OrderReturns returns, HubDbContext db, CancellationToken cancellationToken)
    {
        await returns.ReceiveAsync(id, returnId, new ReceiveReturn(request.LocationId ?? "", ParseDisposition(request.Disposition)), cancellationToken);
        return await DetailAsync(db, id, cancellationToken);
    }

    private static async Task<Ok<OrderDetail>> Refund(Guid id, Guid returnId, RefundRequest request, OrderReturns returns, HubDbContext db, CancellationToken cancellationToken)
    {
        var status = request.Status?.ToLowerInvariant() switch
        {
            "refunded" => RefundStatus.Refunded,
            "rejected" => RefundStatus.Rejected,
            _ => throw HubException.Invalid("'status' must be 'refunded' or 'rejected'."),
        };
        await returns.SetRefundStatusAsync(id, returnId, status, cancellationToken);
        return await DetailAsync(db, id, cancellationToken);
    }

    private static async Task<Ok<List<OversellCount>>> Oversells(HubDbContext db, string? channel, CancellationToken cancellationToken)
    {
        var query = db.Set<OversellRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(channel)) query = query.Where(o => o.ChannelId == channel);
        var rows = await query.GroupBy(o => o.ChannelId)
            .Select(g => new OversellCount(g.Key, g.Count(), g.Sum(o => o.Quantity), g.Count(o => o.Outcome == "cancel"), g.Count(o => o.Outcome == "backorder")))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(r => r.ChannelId).ToList());
    }

    private static async Task<Ok<List<ActionView>>> Actions(HubDbContext db, string? channel, string? status, CancellationToken cancellationToken)
    {
        var query = db.Set<ChannelAction>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(channel)) query = query.Where(a => a.ChannelId == channel);
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = Enum.TryParse<ChannelActionStatus>(status.Replace("_", ""), true, out var s) ? s : throw HubException.Invalid($"Unknown action status '{status}'.");
            query = query.Where(a => a.Status == wanted);
        }
        var rows = await query.OrderByDescending(a => a.CreatedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ActionView.From).ToList());
    }

    internal static async Task<Ok<OrderDetail>> DetailAsync(HubDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking()
            .Include(o => o.Lines).Include(o => o.Allocations).Include(o => o.Shipments).ThenInclude(s => s.Lines)
            .Include(o => o.Returns).ThenInclude(r => r.Lines).Include(o => o.Decisions).Include(o => o.Timeline)
            .AsSplitQuery().FirstOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw HubException.NotFound($"Order '{id}' does not exist.");
        var actions = await db.Set<ChannelAction>().AsNoTracking().Where(a => a.OrderId == id).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(OrderDetail.From(order, actions));
    }

    private static OrderStatus ParseStatus(string s) =>
        Enum.TryParse<OrderStatus>(s.Replace("_", ""), true, out var status) ? status : throw HubException.Invalid($"Unknown order status '{s}'.");

    private static ReturnDisposition ParseDisposition(string? s) => s?.ToLowerInvariant() switch
    {
        "restock" or null => ReturnDisposition.Restock,
        "damaged" => ReturnDisposition.Damaged,
        _ => throw HubException.Invalid("'disposition' must be 'restock' or 'damaged'."),
    };
}
