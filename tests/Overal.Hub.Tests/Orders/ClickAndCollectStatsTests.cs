using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Dashboard.Data;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Orders;

/// <summary>Click &amp; collect pick-up times on the Overview, from orders moved along a controlled clock.</summary>
public abstract class ClickAndCollectStatsTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    private async Task<Guid> PlaceAsync(string sku, string externalId, string? store, DateTimeOffset placedAt)
    {
        using var response = await Api.PostAsync("/api/orders", new
        {
            channelId = "webshop", externalId, placedAt,
            delivery = store is null ? (object)new { kind = "home", street = "Damrak 1", postalCode = "1012LG", city = "Amsterdam", countryCode = "NL" }
                : new { kind = "click_and_collect", storeLocationId = store },
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 40m } },
        }, Ct);
        return Guid.Parse((string)(await HubApi.ExpectAsync(response, HttpStatusCode.Created))["id"]!);
    }

    private async Task PostAsync(string path)
    {
        using var response = await Api.PostRawAsync(path, "", Ct);
        await HubApi.ExpectAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Pick_up_times_are_measured_from_placed_to_ready_per_store_and_overall()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10, ["store-amsterdam"] = 10, ["store-rotterdam"] = 10 }, Ct);
        // Times are stored in whole milliseconds: start on a whole second so every figure below is exact.
        Hub.Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - Hub.Clock.GetUtcNow().Ticks % TimeSpan.TicksPerSecond));
        var placed = Hub.Clock.GetUtcNow();
        var a = await PlaceAsync(sku, "CC-A", "store-amsterdam", placed);
        var b = await PlaceAsync(sku, "CC-B", "store-amsterdam", placed);
        var c = await PlaceAsync(sku, "CC-C", "store-amsterdam", placed);
        var d = await PlaceAsync(sku, "CC-D", "store-rotterdam", placed);
        await PlaceAsync(sku, "CC-NOT-READY", "store-rotterdam", placed);
        var home = await PlaceAsync(sku, "HOME-1", null, placed);

        Hub.Clock.Advance(TimeSpan.FromMinutes(30));
        await PostAsync($"/api/orders/{a}/ready-for-pickup");
        Hub.Clock.Advance(TimeSpan.FromMinutes(30));
        await PostAsync($"/api/orders/{b}/ready-for-pickup");
        Hub.Clock.Advance(TimeSpan.FromMinutes(120));
        await PostAsync($"/api/orders/{c}/ready-for-pickup");
        await PostAsync($"/api/orders/{d}/ready-for-pickup");
        await PostAsync($"/api/orders/{home}/pick");
        Hub.Clock.Advance(TimeSpan.FromMinutes(60));
        await PostAsync($"/api/orders/{a}/collect");

        var cc = (await Hub.Services.GetRequiredService<OrderStats>().FiguresAsync(Ct)).ClickAndCollect;

        var amsterdam = Assert.Single(cc.Stores, s => s.Store == "store-amsterdam");
        Assert.Equal((3, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(180)), (amsterdam.Ready, amsterdam.Median, amsterdam.P90));
        Assert.Equal((2, placed.AddMinutes(60), TimeSpan.FromMinutes(180)), (amsterdam.Waiting, amsterdam.OldestWaitingSince, amsterdam.OldestWaiting));
        var rotterdam = Assert.Single(cc.Stores, s => s.Store == "store-rotterdam");
        Assert.Equal((1, TimeSpan.FromMinutes(180), TimeSpan.FromMinutes(180), 1, TimeSpan.FromMinutes(60)),
            (rotterdam.Ready, rotterdam.Median, rotterdam.P90, rotterdam.Waiting, rotterdam.OldestWaiting));
        // Over [30, 60, 180, 180] minutes: nearest-rank median is the 2nd, p90 the 4th.
        Assert.Equal((4, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(180), 3, TimeSpan.FromMinutes(180)),
            (cc.Overall.Ready, cc.Overall.Median, cc.Overall.P90, cc.Overall.Waiting, cc.Overall.OldestWaiting));
        // Only A was collected: ready at +30, collected at +240 minutes.
        Assert.Equal((1, TimeSpan.FromMinutes(210)), (amsterdam.Collected, amsterdam.CollectedAfter));
        Assert.Equal((0, (TimeSpan?)null), (rotterdam.Collected, rotterdam.CollectedAfter));
        Assert.Equal((1, TimeSpan.FromMinutes(210)), (cc.Overall.Collected, cc.Overall.CollectedAfter));

        using (var scope = Hub.Services.CreateScope())
        {
            var order = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Order>().AsNoTracking().SingleAsync(o => o.Id == a, Ct);
            Assert.Equal((placed.AddMinutes(30), placed.AddMinutes(240)), (order.ReadyForPickupAt, order.CollectedAt));
        }

        var api = await Api.GetJsonAsync("/api/orders/stats", Ct);
        JsonNode overall = api["clickAndCollect"]!;
        Assert.Equal((4, 3600.0, 10800.0, 3), ((int)overall["ready"]!, (double)overall["medianSeconds"]!, (double)overall["p90Seconds"]!, (int)overall["waiting"]!));
    }
}

public sealed class SqliteClickAndCollectStatsTests(SqliteHub hub) : ClickAndCollectStatsTests<SqliteHub>(hub);

public sealed class PostgresClickAndCollectStatsTests(PostgresHub hub) : ClickAndCollectStatsTests<PostgresHub>(hub);
