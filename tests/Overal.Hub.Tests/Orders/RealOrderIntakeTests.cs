using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Core.Alerts;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Alerts;

namespace Overal.Hub.Tests.Orders;

/// <summary>
/// No order from a channel is ever lost: whatever it carries, an order with an id and lines is stored (flagged where the
/// hub cannot act on it) and staff can resolve it; a polling cursor never moves past an order that is not stored, and a
/// channel whose orders are not coming in is alerted.
/// </summary>
public sealed class RealOrderIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Polling_waits_at_a_refused_order_alerts_at_once_and_moves_on_only_once_it_is_stored(string provider)
    {
        var source = new ScriptedOrderSource("zalando");
        await using var hub = new OrdersHubFactory(provider, null, s => s.AddSingleton<IOrderSource>(source));
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10 });
        var good = OrdersHubFactory.Order("zalando", "Z-1", lines: (sku, 1, 70m));
        var refused = good with { ExternalId = "Z-2", Lines = [] };
        source.Page = [good, refused];
        var poller = hub.Services.GetRequiredService<OrderPollingService>();

        Assert.Equal(1, await poller.PollOnceAsync(Ct));

        // The cursor stays where it was, so the same page is read again; the order before it is stored and told.
        Assert.Null(await CursorAsync(hub));
        Assert.Equal(["Z-1"], source.Stored.Select(s => s.ExternalId));
        var failure = await FailureAsync(hub);
        Assert.Equal(OrderIntakeFailureKinds.Refused, failure!.Kind);
        Assert.Contains("Z-2", failure.Detail);
        var alert = Assert.Single(await AlertsAsync(hub), a => a.Kind == AlertKind.OrderIntakeFailing);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);

        await poller.PollOnceAsync(Ct);
        Assert.Null(await CursorAsync(hub));
        Assert.Equal(2, (await FailureAsync(hub))!.Rounds);

        // Whatever made it unreadable is fixed at the channel: it is stored, the cursor moves and the alert clears.
        source.Page = [good, refused with { Lines = good.Lines }];
        Assert.Equal(1, await poller.PollOnceAsync(Ct));
        Assert.Equal("next", (await CursorAsync(hub))!.PageToken);
        Assert.Null(await FailureAsync(hub));
        Assert.DoesNotContain(await AlertsAsync(hub), a => a.Kind == AlertKind.OrderIntakeFailing);
        Assert.Equal(["Z-1", "Z-1", "Z-1", "Z-2"], source.Stored.Select(s => s.ExternalId));
        var ids = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<Order>().Where(o => o.ChannelId == "zalando").Select(o => o.Id).ToListAsync(Ct));
        Assert.Equal(ids.Order(), source.Stored.Select(s => s.HubOrderId).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_failing_fetch_keeps_the_cursor_and_is_alerted_only_once_it_lasts(string provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var source = new ScriptedOrderSource("amazon") { Failure = new HttpRequestException("GET /orders/2026-01-01/orders/111-1/… answered 503") };
        await using var hub = new OrdersHubFactory(provider, new() { ["Orders:Polling:AlertAfter"] = "00:05:00" },
            s => { s.AddSingleton<IOrderSource>(source); s.AddSingleton<TimeProvider>(time); });
        var poller = hub.Services.GetRequiredService<OrderPollingService>();

        await poller.PollOnceAsync(Ct);
        Assert.Equal(OrderIntakeFailureKinds.Fetch, (await FailureAsync(hub))!.Kind);
        Assert.DoesNotContain(await AlertsAsync(hub), a => a.Kind == AlertKind.OrderIntakeFailing);

        time.Advance(TimeSpan.FromMinutes(6));
        await poller.PollOnceAsync(Ct);
        var alert = Assert.Single(await AlertsAsync(hub), a => a.Kind == AlertKind.OrderIntakeFailing);
        Assert.Contains("503", alert.Message);
        Assert.Contains("2 failed round(s)", alert.Message);
        Assert.Null(await CursorAsync(hub));

        source.Failure = null;
        await poller.PollOnceAsync(Ct);
        Assert.Null(await FailureAsync(hub));
        Assert.NotNull(await CursorAsync(hub));
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Click_and_collect_at_an_unknown_store_is_stored_and_allocates_once_staff_choose_the_store(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 5, ["store-utrecht"] = 5 });
        var order = OrdersHubFactory.Order("webshop", "SHOP-LOC-1", "click_and_collect", "gid://shopify/Location/987654", (sku, 1, 50m));
        var id = await IngestAsync(hub, order);

        var detail = await DetailAsync(hub, id);
        Assert.Equal(["unknown_location"], detail["attentionReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(detail["delivery"]!["storeLocationId"]);
        Assert.Contains(detail["timeline"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "unknown_location" && e["detail"]!.GetValue<string>().Contains("987654"));
        Assert.Empty(detail["allocations"]!.AsArray());

        var client = hub.CreateClient();
        var notAStore = await client.PostAsJsonAsync($"/api/orders/{id}/choose-store", new { locationId = "warehouse" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notAStore.StatusCode);
        (await client.PostAsJsonAsync($"/api/orders/{id}/choose-store", new { locationId = "store-utrecht" }, Ct)).EnsureSuccessStatusCode();

        detail = await DetailAsync(hub, id);
        Assert.False(detail["needsAttention"]!.GetValue<bool>());
        Assert.Equal("store-utrecht", detail["delivery"]!["storeLocationId"]!.GetValue<string>());
        Assert.Equal("allocated", detail["status"]!.GetValue<string>());
        // Asked again with the same store: nothing changes; with another: a conflict.
        (await client.PostAsJsonAsync($"/api/orders/{id}/choose-store", new { locationId = "store-utrecht" }, Ct)).EnsureSuccessStatusCode();
        var other = (await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Locations.Where(l => l.ClickAndCollect && l.Id != "store-utrecht").Select(l => l.Id).FirstAsync(Ct)));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/orders/{id}/choose-store", new { locationId = other }, Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Lines_the_hub_cannot_read_are_stored_as_sent_and_accepting_them_cancels_the_ones_it_cannot_take(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var skus = await hub.SkusAsync(2);
        await hub.SetStockAsync(skus[0], new() { ["warehouse"] = 5 });
        var order = OrdersHubFactory.Order("amazon", "111-222-333", lines: (skus[0], 2, 40m)) with
        {
            Lines =
            [
                new ChannelOrderLine("L1", skus[0], null, 2, 40m, 0m, "Shirt", Problem: "Amazon sent no ItemPrice for this line."),
                new ChannelOrderLine("L2", skus[1], null, 0, 10m, 0m, "Removed line"),
            ],
        };
        var id = await IngestAsync(hub, order);

        var detail = await DetailAsync(hub, id);
        Assert.Equal(["unreadable_lines"], detail["attentionReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("no ItemPrice", detail["lines"]![0]!["readProblem"]!.GetValue<string>());
        Assert.Contains("quantity", detail["lines"]![1]!["readProblem"]!.GetValue<string>());
        Assert.Equal(0, detail["lines"]![1]!["quantity"]!.GetValue<int>());

        (await hub.CreateClient().PostAsync($"/api/orders/{id}/accept-lines", null, Ct)).EnsureSuccessStatusCode();
        detail = await DetailAsync(hub, id);
        Assert.False(detail["needsAttention"]!.GetValue<bool>());
        Assert.Equal("allocated", detail["status"]!.GetValue<string>());
        Assert.Equal(["allocated", "cancelled"], detail["lines"]!.AsArray().Select(l => l!["status"]!.GetValue<string>()));
        Assert.Equal(2, (await hub.LevelsAsync(skus[0])).Sum(l => l.Reserved));
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task An_order_cancelled_at_the_channel_is_kept_for_the_record_and_allocates_and_sends_nothing(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var skus = await hub.SkusAsync(1);
        await hub.SetStockAsync(skus[0], new() { ["warehouse"] = 5 });
        var order = OrdersHubFactory.Order("webshop", "SHOP-VOID-1", lines: (skus[0], 1, 40m)) with
        {
            CancelledAtSource = true, Lines = [.. OrdersHubFactory.Order("webshop", "x", lines: (skus[0], 1, 40m)).Lines, new ChannelOrderLine("L2", "NOT-OURS", null, 1, 5m, 0m)],
        };
        var id = await IngestAsync(hub, order);

        var detail = await DetailAsync(hub, id);
        Assert.Equal("cancelled", detail["status"]!.GetValue<string>());
        Assert.False(detail["needsAttention"]!.GetValue<bool>());
        Assert.All(detail["lines"]!.AsArray(), l => Assert.Equal("cancelled", l!["status"]!.GetValue<string>()));
        Assert.Empty(detail["channelActions"]!.AsArray());
        Assert.All(await hub.LevelsAsync(skus[0]), l => Assert.Equal(0, l.Reserved));
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Totals_keep_the_line_totals_the_channel_charged_and_its_shipping_to_the_cent(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 5 });
        // Three for 10.00: Amazon charges 10.00 for the line, where 3 × 3.33 would be 9.99.
        var order = OrdersHubFactory.Order("amazon", "111-TOTALS", lines: (sku, 3, 3.33m)) with
        {
            Lines = [new ChannelOrderLine("L1", sku, null, 3, 3.33m, 0.50m, "Socks", Total: 9.50m)], Shipping = 4.95m, OrderDiscount = 1.00m,
        };
        var id = await IngestAsync(hub, order);

        var detail = await DetailAsync(hub, id);
        Assert.Equal(9.50m + 4.95m - 1.00m, detail["totalInclVat"]!.GetValue<decimal>());
        Assert.Equal(4.95m, detail["shippingTotal"]!.GetValue<decimal>());
        Assert.Equal(1.50m, detail["discountTotal"]!.GetValue<decimal>());
        Assert.Equal(9.50m, detail["lines"]![0]!["value"]!.GetValue<decimal>());
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Overlong_fields_and_odd_codes_from_a_channel_are_stored_fitted_not_refused(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        var longSku = new string('S', 120);
        var order = OrdersHubFactory.Order("zalando", "Z-LONG", lines: (sku, 1, 10m)) with
        {
            Currency = "eur", PaymentStatus = new string('p', 40),
            Customer = new ChannelCustomer(new string('N', 300), null, "+31 (0)20 123 45 67 ext. 1234567890", null),
            Lines = [new ChannelOrderLine("L1", longSku, "87123456789012345", 1, 10m, 0m, "Longest SKU")],
        };
        var id = await IngestAsync(hub, order);

        var stored = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<Order>().Include(o => o.Lines).AsNoTracking().SingleAsync(o => o.Id == id, Ct));
        Assert.Equal("EUR", stored.Currency);
        Assert.Equal(200, stored.CustomerName!.Length);
        Assert.Equal(32, stored.CustomerPhone!.Length);
        Assert.Equal(OrderAttention.UnmatchedLines, stored.Attention);
        var line = Assert.Single(stored.Lines);
        Assert.Equal(longSku[..100], line.ChannelSku);
        Assert.Null(line.Ean);
        Assert.Contains("longer than 100", line.MatchProblem);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task The_hubs_own_order_API_still_refuses_what_its_caller_can_correct(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        var client = hub.CreateClient();
        var zero = await client.PostAsJsonAsync("/api/orders", new
        {
            channelId = "webshop", externalId = "API-0", lines = new[] { new { sku, quantity = 0, unitPriceInclVat = 10m } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        var unknownStore = await client.PostAsJsonAsync("/api/orders", new
        {
            channelId = "webshop", externalId = "API-1", delivery = new { kind = "click_and_collect", storeLocationId = "nowhere" },
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 10m } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStore.StatusCode);
        Assert.Equal(0, await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<Order>().CountAsync(Ct)));
    }

    private static async Task<Guid> IngestAsync(OrdersHubFactory hub, ChannelOrder order) =>
        (await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(order, Ct))).OrderId;

    private static async Task<JsonObject> DetailAsync(OrdersHubFactory hub, Guid id) =>
        (await hub.CreateClient().GetFromJsonAsync<JsonObject>($"/api/orders/{id}", Ct))!;

    private static Task<OrderSourceCursor?> CursorAsync(OrdersHubFactory hub) =>
        hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<OrderSourceCursor>().AsNoTracking().FirstOrDefaultAsync(Ct));

    private static Task<OrderIntakeFailure?> FailureAsync(OrdersHubFactory hub) =>
        hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<OrderIntakeFailure>().AsNoTracking().FirstOrDefaultAsync(Ct));

    private static async Task<IReadOnlyList<Alert>> AlertsAsync(OrdersHubFactory hub)
    {
        await hub.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync(Ct);
        return [.. hub.Services.GetRequiredService<AlertBoard>().All().Where(a => a.Active)];
    }

    /// <summary>Serves one page (or fails) on every fetch and records which orders it was told are stored.</summary>
    private sealed class ScriptedOrderSource(string channelId) : IOrderSource
    {
        public List<ChannelOrder> Page { get; set; } = [];
        public Exception? Failure { get; set; }
        public List<(string ExternalId, Guid HubOrderId)> Stored { get; } = [];
        public string ChannelId => channelId;

        public Task<ChannelOrderPage> FetchAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken) =>
            Failure is { } failure ? Task.FromException<ChannelOrderPage>(failure)
            : Task.FromResult(new ChannelOrderPage(Page, new ChannelOrderCursor(DateTimeOffset.UnixEpoch.AddDays(1), "next"), false));

        public Task OrderStoredAsync(ChannelOrder order, Guid hubOrderId, CancellationToken cancellationToken)
        {
            lock (Stored) Stored.Add((order.ExternalId, hubOrderId));
            return Task.CompletedTask;
        }
    }
}
