using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Api.Orders;

namespace Overal.Hub.Tests.Orders;

/// <summary>
/// Order allocation stays within what the channel advertises (issue #10 item 1): a marketplace order beyond bol's
/// number (warehouse ATP − buffer 2) goes to the oversell policy like a stock-out, and the decision log says why.
/// </summary>
public sealed class ChannelLimitAllocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_marketplace_order_beyond_the_advertised_number_is_an_oversell_and_the_log_names_the_channel_limit(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 5 });

        var result = await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(OrdersHubFactory.Order("bol", "BOL-LIMIT", lines: (sku, 4, 30m)), Ct));

        var order = await OrdersHubFactory.ReadAsync<OrderDetail>(await hub.CreateClient().GetAsync($"/api/orders/{result.OrderId}", Ct));
        Assert.Equal(OrderLineStatus.Cancelled, order.Lines[0].Status);
        Assert.Empty(order.Allocations);
        var decision = Assert.Single(order.DecisionLog);
        Assert.Equal(OrderAllocator.ChannelLimitRule, decision.Rule);
        Assert.Contains("bol advertises 3 unit(s)", decision.Reason, StringComparison.Ordinal);
        Assert.Contains(order.Timeline, e => e.Type == "oversold" && e.Detail.Contains("exceeds what bol advertised", StringComparison.Ordinal));
        var oversells = await OrdersHubFactory.ReadAsync<List<OversellCount>>(await hub.CreateClient().GetAsync("/api/orders/oversells?channel=bol", Ct));
        Assert.Equal(1, Assert.Single(oversells).Cancelled);
        Assert.Equal(0, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse").Reserved);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Concurrent_marketplace_orders_allocate_no_more_than_the_channel_advertised(string provider)
    {
        await using var hub = new OrdersHubFactory(provider, new() { ["Orders:OversellPolicy"] = "backorder" });
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10 });
        var advertised = (await hub.DesiredAsync(sku))["bol"];
        Assert.Equal(8, advertised);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(OrdersHubFactory.Order("bol", $"BOL-RACE-{i}", lines: (sku, 1, 30m)), Ct));
        }, Ct)).ToArray();
        gate.SetResult();
        await Task.WhenAll(racing);

        var lines = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<OrderLine>().AsNoTracking().Where(l => l.Sku == sku).ToListAsync(Ct));
        Assert.Equal(16, lines.Count);
        Assert.Equal(advertised, lines.Count(l => l.Status == OrderLineStatus.Allocated));
        Assert.Equal(16 - advertised, lines.Count(l => l.Status == OrderLineStatus.Backordered));
        Assert.Equal(advertised, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse").Reserved);
        Assert.Equal(0, (await hub.DesiredAsync(sku))["bol"]);
    }
}
