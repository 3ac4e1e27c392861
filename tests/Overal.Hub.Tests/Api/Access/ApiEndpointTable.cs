namespace Overal.Hub.Tests.Api.Access;

/// <summary>A request to make against a resource prepared at a store.</summary>
public sealed record ApiCall(HttpMethod Method, string Path, object? Body = null);

/// <summary>
/// Every /api endpoint by its name, with the access rule it must declare and how to call it on a resource at a
/// given store. <see cref="ApiEndpointCoverageTests{THub}"/> checks that this table names exactly the mapped endpoints.
/// </summary>
public static class ApiEndpointTable
{
    public const string Read = "read";
    public const string Store = "store";
    public const string Operate = "operate";

    public sealed record Row(string Rule, Func<AccessScene, string, Task<ApiCall>> Prepare);

    private static Func<AccessScene, string, Task<ApiCall>> Get(Func<AccessScene, string> path) => (s, _) => Task.FromResult(new ApiCall(HttpMethod.Get, path(s)));

    private static Func<AccessScene, string, Task<ApiCall>> OnOrder(string action, Func<string, object?>? body = null) =>
        async (s, store) => new ApiCall(HttpMethod.Post, $"/api/orders/{await s.OrderAtAsync(store)}/{action}", body?.Invoke(store));

    public static readonly IReadOnlyDictionary<string, Row> Rows = new Dictionary<string, Row>
    {
        ["GetLocations"] = new(Read, Get(_ => "/api/locations")),
        ["GetChannels"] = new(Read, Get(_ => "/api/channels")),
        ["SearchProducts"] = new(Read, Get(_ => "/api/products")),
        ["GetProduct"] = new(Read, Get(_ => $"/api/products/{Guid.Empty}")),
        ["GetStock"] = new(Read, Get(s => $"/api/stock/{s.Sku}")),
        ["ExplainChannelAvailability"] = new(Read, Get(s => $"/api/stock/{s.Sku}/channels/webshop/explain")),
        ["GetStockMovements"] = new(Read, Get(s => $"/api/stock/{s.Sku}/movements")),
        ["RecordStockMovement"] = new(Store, (s, store) => Task.FromResult(new ApiCall(HttpMethod.Post, "/api/stock/movements",
            new { sku = s.Sku, locationId = store, type = "adjustment", quantity = 1, reason = "found" }))),
        ["CreateReservation"] = new(Store, (s, store) => Task.FromResult(new ApiCall(HttpMethod.Post, "/api/reservations",
            new { sku = s.Sku, quantity = 1, channelId = "stores", locationId = store, kind = "cart" }))),
        ["GetReservation"] = new(Read, async (s, store) => new ApiCall(HttpMethod.Get, $"/api/reservations/{await s.ReservationAtAsync(store)}")),
        ["CommitReservation"] = new(Store, async (s, store) => new ApiCall(HttpMethod.Post, $"/api/reservations/{await s.ReservationAtAsync(store)}/commit")),
        ["ReleaseReservation"] = new(Store, async (s, store) => new ApiCall(HttpMethod.Post, $"/api/reservations/{await s.ReservationAtAsync(store)}/release")),
        ["GetSyncLatency"] = new(Read, Get(_ => "/api/sync/latency")),
        ["GetChannelSync"] = new(Read, Get(_ => "/api/sync/channels")),
        ["GetDeadLetters"] = new(Read, Get(_ => "/api/sync/dead-letters")),
        ["ReconcileChannel"] = new(Operate, (_, _) => Task.FromResult(new ApiCall(HttpMethod.Post, "/api/channels/no-such-channel/reconcile"))),
        ["GetReconciliations"] = new(Read, Get(_ => "/api/channels/webshop/reconciliations")),
        ["ReplayDeadLetters"] = new(Operate, (_, _) => Task.FromResult(new ApiCall(HttpMethod.Post, "/api/channels/webshop/dead-letters/replay"))),
        ["ListOrders"] = new(Read, Get(_ => "/api/orders")),
        ["GetOrder"] = new(Read, async (s, store) => new ApiCall(HttpMethod.Get, $"/api/orders/{await s.OrderAtAsync(store)}")),
        ["CreateOrder"] = new(Store, (s, store) => Task.FromResult(new ApiCall(HttpMethod.Post, "/api/orders", s.ClickAndCollectOrder(store)))),
        ["AllocateOrder"] = new(Store, OnOrder("allocate")),
        ["PickOrder"] = new(Store, OnOrder("pick")),
        ["PackOrder"] = new(Store, OnOrder("pack")),
        ["ShipOrder"] = new(Store, OnOrder("ship", _ => new { carrier = "PostNL", trackingNumber = "3SABC123" })),
        ["DeliverOrder"] = new(Store, OnOrder("deliver")),
        ["OrderReadyForPickup"] = new(Store, OnOrder("ready-for-pickup")),
        ["CollectOrder"] = new(Store, OnOrder("collect")),
        ["CancelOrder"] = new(Store, OnOrder("cancel", _ => new { reason = "requested_by_customer" })),
        ["RequestOrderReturn"] = new(Store, async (s, store) =>
        {
            var (order, line) = await s.CollectedOrderAtAsync(store);
            return new ApiCall(HttpMethod.Post, $"/api/orders/{order}/returns",
                new { reason = "too small", lines = new[] { new { lineId = line, quantity = 1 } }, receive = new { locationId = store, disposition = "restock" } });
        }),
        ["ReceiveOrderReturn"] = new(Store, async (s, store) =>
        {
            var (order, returned) = await s.ReturnAtAsync(store, receive: false);
            return new ApiCall(HttpMethod.Post, $"/api/orders/{order}/returns/{returned}/receive", new { locationId = store, disposition = "restock" });
        }),
        ["SetOrderRefundStatus"] = new(Operate, async (s, store) =>
        {
            var (order, returned) = await s.ReturnAtAsync(store, receive: true);
            return new ApiCall(HttpMethod.Post, $"/api/orders/{order}/returns/{returned}/refund", new { status = "refunded" });
        }),
        // On an order that needs no attention: allowed callers get 404 (no such line) or 409 (nothing to accept).
        ["MatchOrderLine"] = new(Operate, async (s, store) =>
            new ApiCall(HttpMethod.Post, $"/api/orders/{await s.OrderAtAsync(store)}/lines/{Guid.NewGuid()}/match", new { sku = s.Sku })),
        ["AcceptOrderCurrency"] = new(Operate, OnOrder("accept-currency")),
        ["AcceptOrderLines"] = new(Operate, OnOrder("accept-lines")),
        ["ChooseOrderStore"] = new(Operate, async (s, store) => new ApiCall(HttpMethod.Post, $"/api/orders/{await s.OrderAtAsync(store)}/choose-store", new { locationId = store })),
        ["OrderOversells"] = new(Read, Get(_ => "/api/orders/oversells")),
        ["ListChannelActions"] = new(Read, Get(_ => "/api/orders/channel-actions")),
        ["GetOrderStats"] = new(Read, Get(_ => "/api/orders/stats")),
        ["DeliveryPromise"] = new(Read, Get(s => $"/api/promise?skus={s.Sku}&postcode=1012LG")),
        ["GetAlerts"] = new(Read, Get(_ => "/api/alerts")),
        ["AcknowledgeAlert"] = new(Operate, (_, _) => Task.FromResult(new ApiCall(HttpMethod.Post, $"/api/alerts/{Guid.NewGuid()}/acknowledge"))),
        ["MuteAlert"] = new(Operate, (_, _) => Task.FromResult(new ApiCall(HttpMethod.Post, $"/api/alerts/{Guid.NewGuid()}/mute?minutes=60"))),
        ["UnmuteAlert"] = new(Operate, (_, _) => Task.FromResult(new ApiCall(HttpMethod.Post, $"/api/alerts/{Guid.NewGuid()}/unmute"))),
        ["GetDemoTraffic"] = new(Read, Get(_ => "/api/demo/traffic")),
        ["SetDemoTraffic"] = new(Operate, (_, _) => Task.FromResult(new ApiCall(HttpMethod.Post, "/api/demo/traffic", new { enabled = false, salesPerMinute = 42 }))),
    };
}
