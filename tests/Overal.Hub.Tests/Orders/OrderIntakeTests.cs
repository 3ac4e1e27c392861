using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Api.Orders;

namespace Overal.Hub.Tests.Orders;

public sealed class OrderIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Orders_from_several_channels_racing_for_the_last_units_allocate_exactly_the_available_units(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 5 });
        string[] channels = ["webshop", "bol", "amazon", "zalando"];

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => hub.InScopeAsync(sp =>
            sp.GetRequiredService<OrderIntake>().IngestAsync(OrdersHubFactory.Order(channels[i % 4], $"RACE-{i}", lines: (sku, 1, 60m)), Ct)), Ct)));

        Assert.All(results, r => Assert.True(r.Created));
        var lines = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<OrderLine>().AsNoTracking().Where(l => l.Sku == sku).ToListAsync(Ct));
        var orders = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<Order>().AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.ChannelId, Ct));
        Assert.Equal(16, lines.Count);
        // Each marketplace stops at what it advertises (ATP − its buffer: bol and amazon 2, zalando 1), so depending on
        // who came first one unit may be left that only the webshop could take, and then every webshop order got one.
        var allocatedCount = lines.Count(l => l.Status == OrderLineStatus.Allocated);
        var leftover = 5 - allocatedCount;
        Assert.InRange(leftover, 0, 1);
        if (leftover == 1) Assert.All(lines.Where(l => orders[l.OrderId] == "webshop"), l => Assert.Equal(OrderLineStatus.Allocated, l.Status));
        var unallocated = lines.Where(l => l.Status != OrderLineStatus.Allocated).ToList();
        // Policy "cancel" (default): marketplace oversells are cancelled; the webshop's own orders wait as backorders.
        Assert.All(unallocated.Where(l => orders[l.OrderId] == "webshop"), l => Assert.Equal(OrderLineStatus.Backordered, l.Status));
        Assert.All(unallocated.Where(l => orders[l.OrderId] != "webshop"), l => Assert.Equal(OrderLineStatus.Cancelled, l.Status));

        var warehouse = (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse");
        Assert.Equal(5, warehouse.OnHand);
        Assert.Equal(allocatedCount, warehouse.Reserved);
        Assert.All(await hub.LevelsAsync(sku), l => Assert.True(l.OnHand >= 0 && l.Reserved <= l.OnHand));
        Assert.All(await hub.DesiredAsync(sku), d => Assert.Equal(d.Key == "webshop" ? leftover : 0, d.Value));

        var cancelledMarketplace = unallocated.Count(l => orders[l.OrderId] != "webshop");
        var client = hub.CreateClient();
        var oversells = await OrdersHubFactory.ReadAsync<List<OversellCount>>(await client.GetAsync("/api/orders/oversells", Ct));
        Assert.Equal(cancelledMarketplace, oversells.Sum(o => o.Cancelled));
        Assert.DoesNotContain(oversells, o => o.ChannelId == "webshop");
        var actions = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<ChannelAction>().AsNoTracking().ToListAsync(Ct));
        Assert.Equal(cancelledMarketplace, actions.Count(a => a.Kind == ChannelActionKind.LinesCancelled && a.Payload.Contains("out_of_stock")));
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Marketplace_oversells_are_kept_as_backorders_when_the_policy_says_so(string provider)
    {
        await using var hub = new OrdersHubFactory(provider, new() { ["Orders:OversellPolicy"] = "backorder" });
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 0 });
        var result = await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(OrdersHubFactory.Order("bol", "BOL-1", lines: (sku, 2, 30m)), Ct));

        var detail = await OrdersHubFactory.ReadAsync<OrderDetail>(await hub.CreateClient().GetAsync($"/api/orders/{result.OrderId}", Ct));
        Assert.Equal(OrderLineStatus.Backordered, detail.Lines[0].Status);
        Assert.NotNull(detail.Lines[0].ExpectedAt);
        Assert.Empty(detail.ChannelActions);
        var oversells = await OrdersHubFactory.ReadAsync<List<OversellCount>>(await hub.CreateClient().GetAsync("/api/orders/oversells?channel=bol", Ct));
        Assert.Equal(new OversellCount("bol", 1, 2, 0, 1), Assert.Single(oversells));
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task The_same_channel_order_delivered_twice_or_concurrently_creates_one_order(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10 });
        var order = OrdersHubFactory.Order("bol", "BOL-DUP", lines: (sku, 2, 60m));

        var first = await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(order, Ct));
        var again = await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(order, Ct));
        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.OrderId, again.OrderId);

        var raced = OrdersHubFactory.Order("amazon", "AMZ-RACE", lines: (sku, 3, 60m));
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(raced, Ct)), Ct)));
        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.OrderId).Distinct());

        var count = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<Order>().CountAsync(Ct));
        Assert.Equal(2, count);
        Assert.Equal(5, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse").Reserved);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Hub_created_orders_are_idempotent_on_external_id_and_refuse_marketplace_channels(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 3 });
        var client = hub.CreateClient();
        var body = new { channelId = "webshop", externalId = "WEB-1", lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 59.95m } } };

        var created = await client.PostAsJsonAsync("/api/orders", body, Ct);
        var replay = await client.PostAsJsonAsync("/api/orders", body, Ct);
        var bol = await client.PostAsJsonAsync("/api/orders", body with { channelId = "bol" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((await OrdersHubFactory.ReadAsync<OrderDetail>(created)).Id, (await OrdersHubFactory.ReadAsync<OrderDetail>(replay)).Id);
        Assert.Equal(HttpStatusCode.BadRequest, bol.StatusCode);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_POS_sale_is_a_completed_store_order_and_a_repeated_sale_moves_no_stock(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["store-utrecht"] = 4 });
        var sale = new PosSale("LS-991", "store-utrecht", DateTimeOffset.UtcNow, "EUR", [new global::Overal.Channels.Abstractions.ChannelOrderLine("1", sku, null, 2, 49.95m, 0m)]);

        var first = await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().RecordPosSaleAsync(sale, Ct));
        var again = await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().RecordPosSaleAsync(sale, Ct));

        Assert.Equal(first.OrderId, again.OrderId);
        Assert.False(again.Created);
        Assert.Equal(2, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "store-utrecht").OnHand);
        var detail = await OrdersHubFactory.ReadAsync<OrderDetail>(await hub.CreateClient().GetAsync($"/api/orders/{first.OrderId}", Ct));
        Assert.Equal(OrderStatus.Completed, detail.Status);
        Assert.Equal("stores", detail.ChannelId);
    }
}
