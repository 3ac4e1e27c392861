using System.Net;
using System.Net.Http.Json;
using Overal.Core.Orders;
using Overal.Hub.Api.Orders;

namespace Overal.Hub.Tests.Orders;

public sealed class SourcingDecisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Click_and_collect_reserves_at_the_chosen_store_even_when_the_warehouse_has_stock(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        // store-leiden does not ship from store and is outside the webshop pool: click & collect still uses it.
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10, ["store-leiden"] = 3 });
        var response = await hub.CreateClient().PostAsJsonAsync("/api/orders", new
        {
            channelId = "webshop", externalId = "CC-1",
            delivery = new { kind = "click_and_collect", storeLocationId = "store-leiden" },
            lines = new[] { new { sku, quantity = 2, unitPriceInclVat = 40m } },
        }, Ct);
        var order = await OrdersHubFactory.ReadAsync<OrderDetail>(response);

        Assert.Equal(OrderStatus.Allocated, order.Status);
        Assert.Equal("store-leiden", Assert.Single(order.Allocations).LocationId);
        var decision = Assert.Single(order.DecisionLog);
        Assert.Equal("click_and_collect", decision.Rule);
        Assert.Equal("store-leiden:2", decision.Chosen);
        Assert.Equal(1, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "store-leiden").OnHand - 2);

        var client = hub.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/orders/{order.Id}/ready-for-pickup", null, Ct)).StatusCode);
        var collected = await OrdersHubFactory.ReadAsync<OrderDetail>(await client.PostAsync($"/api/orders/{order.Id}/collect", null, Ct));
        Assert.Equal(OrderStatus.Collected, collected.Status);
        Assert.Equal(1, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "store-leiden").OnHand);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Fewest_shipments_prefers_one_store_that_fills_every_line_over_the_warehouse_first_rule(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var skus = await hub.SkusAsync(2);
        // The warehouse (first in the pool) has only the first SKU; store-utrecht (ship-from-store) has both.
        await hub.SetStockAsync(skus[0], new() { ["warehouse"] = 5, ["store-utrecht"] = 2 });
        await hub.SetStockAsync(skus[1], new() { ["store-utrecht"] = 2 });
        var id = await OrderLifecycleTests.CreateAsync(hub.CreateClient(), "WEB-FEW", (skus[0], 1), (skus[1], 1));
        var order = await OrdersHubFactory.ReadAsync<OrderDetail>(await hub.CreateClient().GetAsync($"/api/orders/{id}", Ct));

        Assert.All(order.Allocations, a => Assert.Equal("store-utrecht", a.LocationId));
        Assert.All(order.DecisionLog, d => Assert.Equal("fewest_shipments", d.Rule));
        Assert.Contains("warehouse:5", order.DecisionLog[0].Candidates);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Stores_that_do_not_ship_and_safety_stock_are_never_used_for_home_delivery(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        // store-haarlem cannot ship; store-utrecht's single unit is its safety stock.
        await hub.SetStockAsync(sku, new() { ["store-haarlem"] = 5, ["store-utrecht"] = 1 });
        var id = await OrderLifecycleTests.CreateAsync(hub.CreateClient(), "WEB-SAFE", (sku, 1));
        var order = await OrdersHubFactory.ReadAsync<OrderDetail>(await hub.CreateClient().GetAsync($"/api/orders/{id}", Ct));

        Assert.Equal(OrderStatus.New, order.Status);
        Assert.Equal(OrderLineStatus.Backordered, order.Lines[0].Status);
        Assert.Empty(order.Allocations);
        Assert.Equal("backorder", Assert.Single(order.DecisionLog).Rule);
        Assert.DoesNotContain("store-haarlem", order.DecisionLog[0].Candidates);
    }

    [Fact]
    public void Below_the_no_split_value_the_order_ships_from_one_location_and_the_rest_waits()
    {
        var a = new PlanLine(Guid.NewGuid(), "A", 1, 10m);
        var b = new PlanLine(Guid.NewGuid(), "B", 1, 10m);
        var atp = new Dictionary<(string, string), int> { [("A", "warehouse")] = 1, [("B", "store-1")] = 1 };

        var plan = SourcingPlanner.Plan([a, b], ["warehouse", "store-1"], atp, new SourcingOptions { NoSplitBelowValue = 50m }, null);

        Assert.Equal([("warehouse", 1)], plan.Lines[0].Parts);
        Assert.Empty(plan.Lines[1].Parts);
        Assert.All(plan.Lines, l => Assert.Equal("no_split_below_value", l.Rule));
    }

    [Fact]
    public void Above_the_no_split_value_a_line_no_location_can_fill_is_split_in_priority_order()
    {
        var a = new PlanLine(Guid.NewGuid(), "A", 3, 300m);
        var atp = new Dictionary<(string, string), int> { [("A", "warehouse")] = 1, [("A", "store-1")] = 1, [("A", "store-2")] = 5 };

        var plan = SourcingPlanner.Plan([a], ["warehouse", "store-1", "store-2"], atp, new SourcingOptions { NoSplitBelowValue = 50m }, null);

        // store-2 alone fills it: one location beats a split.
        Assert.Equal([("store-2", 3)], plan.Lines[0].Parts);
        var split = SourcingPlanner.Plan([a with { Quantity = 6 }], ["warehouse", "store-1", "store-2"], atp, new SourcingOptions { NoSplitBelowValue = 50m }, null);
        Assert.Equal("split", split.Lines[0].Rule);
        Assert.Equal([("warehouse", 1), ("store-1", 1), ("store-2", 4)], split.Lines[0].Parts);
    }
}
