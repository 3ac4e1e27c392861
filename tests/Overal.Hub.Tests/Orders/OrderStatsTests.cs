using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Overal.Hub.Dashboard.Data;

namespace Overal.Hub.Tests.Orders;

/// <summary>The Overview's per-channel order figures, from real orders.</summary>
public sealed class OrderStatsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Orders_today_and_the_cancelled_share_are_counted_per_channel(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10 });
        var client = hub.CreateClient();
        var kept = await OrderLifecycleTests.CreateAsync(client, "STATS-1", (sku, 1));
        var cancelled = await OrderLifecycleTests.CreateAsync(client, "STATS-2", (sku, 1));
        (await client.PostAsJsonAsync($"/api/orders/{cancelled}/cancel", new { reason = "requested_by_customer" }, Ct)).EnsureSuccessStatusCode();

        var stats = await hub.Services.GetRequiredService<OrderStats>().FiguresAsync(Ct);

        var webshop = Assert.Single(stats.Channels, s => s.ChannelId == "webshop");
        Assert.Equal(2, webshop.Today);
        Assert.Equal(2, webshop.SevenDays);
        Assert.Equal(50.0, webshop.CancelledPercent);
        Assert.Equal([0, 0, 0, 0, 0, 0, 2], webshop.PerDay);
        Assert.Equal(1, webshop.Cancelled);
        Assert.Equal((0, 0), (webshop.OversellsOccurred, webshop.OversellsPrevented));
        Assert.NotEqual(Guid.Empty, kept);
    }
}
