using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Overal.Hub.Tests.Sync;
using Overal.Simulators.Shopify;

namespace Overal.Hub.Tests.Orders;

/// <summary>
/// Orders through the real channel contracts: a Shopify order arrives by signed webhook, is allocated, shipped with
/// tracking that the Shopify simulator records, and its stock change reaches the webshop; marketplace orders from
/// bol, Amazon and Zalando are polled into the one queue, each exactly once however often the poller runs.
/// </summary>
public abstract class ChannelOrderFlowTests(bool postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Shopify_order_is_queued_allocated_and_shipped_with_tracking_back_in_Shopify()
    {
        await using var h = await SyncHarness.StartAsync(postgres);
        await h.WaitForShopifyToConvergeAsync(Wait);
        var row = (await h.SyncRowsAsync("webshop")).Where(r => r.Desired >= 2).OrderByDescending(r => r.Desired).First();

        var placed = await h.Shopify.PlaceOrderAsync(new ShopifySimOrderRequest([new ShopifySimOrderLine(row.Sku, 1)], "klant@example.nl"), Ct);
        Assert.Equal(200, placed.WebhookStatus);
        // A redelivery of the same event is a no-op.
        await h.Shopify.RedeliverOrderWebhookAsync(placed.OrderId, Ct);

        var queue = await h.Client.GetFromJsonAsync<JsonObject>("/api/orders?channel=webshop", Ct);
        var order = Assert.Single(queue!["items"]!.AsArray());
        Assert.Equal(placed.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), order!["externalId"]!.GetValue<string>());
        Assert.Equal("allocated", order["status"]!.GetValue<string>());
        var id = order["id"]!.GetValue<string>();

        foreach (var step in new[] { "pick", "pack" }) (await h.Client.PostAsync($"/api/orders/{id}/{step}", null, Ct)).EnsureSuccessStatusCode();
        (await h.Client.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "PostNL", trackingNumber = "3SOVERAL0001", trackingUrl = "https://postnl.nl/tracktrace/?B=3SOVERAL0001" }, Ct)).EnsureSuccessStatusCode();

        await SyncHarness.WaitUntilAsync(() => Task.FromResult(h.Shopify.Fulfillments().Any(f => f.OrderId == placed.OrderId && f.Number == "3SOVERAL0001" && f.Company == "PostNL")),
            Wait, "the fulfillment with tracking to reach Shopify");
        var after = (await h.SyncRowsAsync("webshop")).Single(r => r.Sku == row.Sku);
        Assert.Equal(row.Desired - 1, after.Desired);
        await h.WaitForShopifyToConvergeAsync(Wait);
        Assert.Equal(row.Desired - 1, h.Shopify.Quantities()[row.Sku]);
    }

    [Fact]
    public async Task Marketplace_orders_are_polled_into_the_queue_once_each_and_their_shipments_flow_back()
    {
        await using var h = await SyncHarness.StartAsync(postgres, hubSettings: new Dictionary<string, string?>
        {
            ["Orders:Polling:Interval"] = "00:00:00.300",
        }, marketplaces: true);
        var sku = (await h.SyncRowsAsync("webshop")).OrderByDescending(r => r.Desired).First().Sku;
        using var sims = new HttpClient { BaseAddress = h.SimulatorBase };
        (await sims.PostAsJsonAsync("bol/_sim/orders", new { items = new[] { new { sku, quantity = 1 } } }, Ct)).EnsureSuccessStatusCode();
        (await sims.PostAsJsonAsync("amazon/_sim/orders", new { items = new[] { new { sku, quantity = 1 } } }, Ct)).EnsureSuccessStatusCode();
        (await sims.PostAsJsonAsync("zalando/_sim/orders", new { items = new[] { new { sku, quantity = 1 } } }, Ct)).EnsureSuccessStatusCode();

        foreach (var channel in new[] { "bol", "amazon", "zalando" })
        {
            await SyncHarness.WaitUntilAsync(async () => await CountAsync(h, channel) >= 1, Wait, $"the {channel} order in the queue");
        }
        // Several more polling rounds: still one order per channel.
        var poller = h.Hub.Services.GetRequiredService<Overal.Core.Orders.OrderPollingService>();
        for (var round = 0; round < 3; round++) await poller.PollOnceAsync(Ct);
        foreach (var channel in new[] { "bol", "amazon", "zalando" })
        {
            Assert.Equal(1, await CountAsync(h, channel));
        }

        // Ship each with tracking: the write-back reaches the channel (whose simulator validates the request) and succeeds.
        foreach (var channel in new[] { "bol", "amazon", "zalando" })
        {
            var order = (await h.Client.GetFromJsonAsync<JsonObject>($"/api/orders?channel={channel}", Ct))!["items"]!.AsArray().Single()!;
            var id = order["id"]!.GetValue<string>();
            Assert.Equal("allocated", order["status"]!.GetValue<string>());
            foreach (var step in new[] { "pick", "pack" }) (await h.Client.PostAsync($"/api/orders/{id}/{step}", null, Ct)).EnsureSuccessStatusCode();
            (await h.Client.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "PostNL", trackingNumber = $"3S{channel.ToUpperInvariant()}0001" }, Ct)).EnsureSuccessStatusCode();
        }
        foreach (var channel in new[] { "bol", "amazon", "zalando" })
        {
            await SyncHarness.WaitUntilAsync(async () =>
            {
                var actions = await h.Client.GetFromJsonAsync<JsonArray>($"/api/orders/channel-actions?channel={channel}", Ct);
                var ship = actions!.Single(a => a!["kind"]!.GetValue<string>().Contains("ship", StringComparison.OrdinalIgnoreCase))!;
                Assert.NotEqual("dead", ship["status"]!.GetValue<string>());
                return ship["status"]!.GetValue<string>() == "done";
            }, Wait, $"the {channel} shipment to be confirmed on the channel");
        }
        var zalandoOrder = h.Simulator<Simulators.Zalando.ZalandoSimulator>();
        var externalId = (await h.Client.GetFromJsonAsync<JsonObject>("/api/orders?channel=zalando", Ct))!["items"]!.AsArray().Single()!["externalId"]!.GetValue<string>();
        Assert.Equal("3SZALANDO0001", zalandoOrder.Order(externalId)!.TrackingNumber);

        // The parcel comes back to the warehouse: restocked, and Zalando learns the line was returned.
        var zalandoId = (await h.Client.GetFromJsonAsync<JsonObject>("/api/orders?channel=zalando", Ct))!["items"]!.AsArray().Single()!["id"]!.GetValue<string>();
        var detail = await h.Client.GetFromJsonAsync<JsonObject>($"/api/orders/{zalandoId}", Ct);
        var lineId = detail!["lines"]!.AsArray().Single()!["id"]!.GetValue<string>();
        (await h.Client.PostAsJsonAsync($"/api/orders/{zalandoId}/returns", new
        {
            reason = "does not fit",
            lines = new[] { new { lineId, quantity = 1 } },
            receive = new { locationId = "warehouse", disposition = "restock" },
        }, Ct)).EnsureSuccessStatusCode();
        await SyncHarness.WaitUntilAsync(() => Task.FromResult(zalandoOrder.Order(externalId)!.LineStatuses.All(s => s == "returned")),
            Wait, "Zalando to learn the line was returned");
    }

    [Fact]
    public async Task A_marketplace_order_for_a_unit_just_sold_in_a_store_is_cancelled_on_the_channel_and_counted()
    {
        await using var h = await SyncHarness.StartAsync(postgres, hubSettings: new Dictionary<string, string?>
        {
            ["Orders:Polling:Interval"] = "00:00:00.300",
            ["Orders:OversellPolicy"] = "cancel",
        }, marketplaces: true);
        var sku = (await h.SyncRowsAsync("zalando")).First().Sku;
        // The last sellable unit of the SKU in Zalando's pool is at the Rotterdam store (one more stays as safety stock).
        foreach (var location in new[] { "warehouse", "store-amsterdam", "store-den-haag", "store-utrecht", "store-eindhoven", "store-amersfoort" })
        {
            (await h.Client.PostAsJsonAsync("/api/stock/movements", new { sku, locationId = location, type = "count", quantity = 0 }, Ct)).EnsureSuccessStatusCode();
        }
        (await h.Client.PostAsJsonAsync("/api/stock/movements", new { sku, locationId = "store-rotterdam", type = "count", quantity = 2 }, Ct)).EnsureSuccessStatusCode();
        h.Lightspeed.SetOutletStock(h.OutletFor("store-rotterdam"), sku, 2);

        // A shopper in Rotterdam buys it at the till; moments later a Zalando order for it arrives.
        var rung = await h.Lightspeed.RingUpSaleAsync(new Simulators.Lightspeed.LightspeedSimSaleRequest(h.OutletFor("store-rotterdam"), [new(sku, 1)]), Ct);
        Assert.Equal(200, rung.WebhookStatus);
        using var sims = new HttpClient { BaseAddress = h.SimulatorBase };
        (await sims.PostAsJsonAsync("zalando/_sim/orders", new { items = new[] { new { sku, quantity = 1 } } }, Ct)).EnsureSuccessStatusCode();

        await SyncHarness.WaitUntilAsync(async () => await CountAsync(h, "zalando") == 1, Wait, "the Zalando order in the queue");
        var order = (await h.Client.GetFromJsonAsync<JsonObject>("/api/orders?channel=zalando", Ct))!["items"]!.AsArray().Single()!;
        Assert.Equal("cancelled", order["status"]!.GetValue<string>());
        var oversells = await h.Client.GetFromJsonAsync<JsonArray>("/api/orders/oversells?channel=zalando", Ct);
        var counted = Assert.Single(oversells!)!;
        Assert.Equal(1, counted["units"]!.GetValue<int>());
        Assert.Equal(1, counted["cancelled"]!.GetValue<int>());
        var externalId = order["externalId"]!.GetValue<string>();
        await SyncHarness.WaitUntilAsync(() => Task.FromResult(h.Simulator<Simulators.Zalando.ZalandoSimulator>().Order(externalId)!.LineStatuses.All(l => l == "canceled")),
            Wait, "the Zalando line to be cancelled on the channel");
        var stock = await h.Client.GetFromJsonAsync<JsonObject>($"/api/stock/{sku}", Ct);
        Assert.All(stock!["locations"]!.AsArray(), l => Assert.True(l!["onHand"]!.GetValue<int>() >= 0));
    }

    private static async Task<int> CountAsync(SyncHarness h, string channel) =>
        (await h.Client.GetFromJsonAsync<JsonObject>($"/api/orders?channel={channel}", Ct))!["total"]!.GetValue<int>();
}

public sealed class ChannelOrderFlowTestsOnSqlite() : ChannelOrderFlowTests(postgres: false);

public sealed class ChannelOrderFlowTestsOnPostgres() : ChannelOrderFlowTests(postgres: true);
