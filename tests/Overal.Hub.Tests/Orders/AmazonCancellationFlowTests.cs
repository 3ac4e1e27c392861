using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Overal.Hub.Tests.Sync;
using Overal.Simulators.Amazon;

namespace Overal.Hub.Tests.Orders;

/// <summary>
/// A hub cancellation of an Amazon order reaches Amazon through the channel-action queue as an order acknowledgement
/// feed (StatusCode Failure), which the simulator validates against the release_4_1 XSDs before it cancels the order.
/// </summary>
public abstract class AmazonCancellationFlowTests(bool postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancelling_an_Amazon_order_in_the_hub_cancels_it_on_Amazon()
    {
        await using var h = await SyncHarness.StartAsync(postgres, hubSettings: new Dictionary<string, string?>
        {
            ["Orders:Polling:Interval"] = "00:00:00.300",
        }, marketplaces: true);
        var amazon = h.Simulator<AmazonSimulator>();
        var sku = (await h.SyncRowsAsync("amazon")).OrderByDescending(r => r.Desired).First().Sku;
        using var sims = new HttpClient { BaseAddress = h.SimulatorBase };
        var placed = await sims.PostAsJsonAsync("amazon/_sim/orders", new { items = new[] { new { sku, quantity = 1 } } }, Ct);
        placed.EnsureSuccessStatusCode();
        var amazonOrderId = (await placed.Content.ReadFromJsonAsync<JsonObject>(Ct))!["amazonOrderId"]!.GetValue<string>();
        await SyncHarness.WaitUntilAsync(async () => (await OrdersAsync(h)).Count == 1, Wait, "the Amazon order in the queue");
        var id = (await OrdersAsync(h)).Single()!["id"]!.GetValue<string>();

        (await h.Client.PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "requested_by_customer" }, Ct)).EnsureSuccessStatusCode();

        await SyncHarness.WaitUntilAsync(async () =>
        {
            var actions = await h.Client.GetFromJsonAsync<JsonArray>("/api/orders/channel-actions?channel=amazon", Ct);
            var cancel = actions!.Single(a => a!["kind"]!.GetValue<string>().Contains("cancel", StringComparison.OrdinalIgnoreCase))!;
            Assert.DoesNotContain(cancel["status"]!.GetValue<string>(), new[] { "dead", "unsupported" });
            return cancel["status"]!.GetValue<string>() == "done";
        }, Wait, "the cancellation to be confirmed by Amazon");
        Assert.Equal("Canceled", amazon.OrderState(amazonOrderId)!.Value.Status);
        Assert.Single(amazon.Feeds("POST_ORDER_ACKNOWLEDGEMENT_DATA"));
        Assert.Empty(amazon.Validator.Recorded);
    }

    private static async Task<JsonArray> OrdersAsync(SyncHarness h) =>
        (await h.Client.GetFromJsonAsync<JsonObject>("/api/orders?channel=amazon", Ct))!["items"]!.AsArray();
}

public sealed class AmazonCancellationFlowTestsOnSqlite() : AmazonCancellationFlowTests(postgres: false);

public sealed class AmazonCancellationFlowTestsOnPostgres() : AmazonCancellationFlowTests(postgres: true);
