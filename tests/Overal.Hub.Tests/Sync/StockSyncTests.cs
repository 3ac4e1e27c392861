using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Overal.Core.Sync;
using Overal.Simulators.Lightspeed;

namespace Overal.Hub.Tests.Sync;

/// <summary>
/// From a store sale to the webshop, and what happens when Shopify is slow, throttled, down, drifted, or the hub
/// dies mid-stream. The same suite runs on SQLite and PostgreSQL (the claim SQL differs).
/// </summary>
public abstract class StockSyncTests(bool postgres)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_store_sale_webhook_reaches_the_shopify_simulator()
    {
        await using var h = await SyncHarness.StartAsync(postgres);
        await h.WaitForShopifyToConvergeAsync(Converge);
        var (sku, store) = await StoreStockInWebshopPoolAsync(h);
        var before = (await h.SyncRowsAsync("webshop")).Single(r => r.Sku == sku).Desired;

        var rung = await h.Lightspeed.RingUpSaleAsync(new LightspeedSimSaleRequest(h.OutletFor(store), [new LightspeedSimSaleLine(sku, 1)]), Ct);

        Assert.Equal(200, rung.WebhookStatus);
        await SyncHarness.WaitUntilAsync(() => Task.FromResult(h.Shopify.Quantities()[sku] == before - 1), Converge, $"Shopify to show {before - 1} of {sku}");
        await h.WaitForShopifyToConvergeAsync(Converge);
        // The till sale is also a completed store order in the one queue.
        var queue = await h.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/orders?channel=stores", Ct);
        var order = Assert.Single(queue!["items"]!.AsArray());
        Assert.Equal(rung.SaleId, order!["externalId"]!.GetValue<string>());
        Assert.Equal("completed", order["status"]!.GetValue<string>());
        var latency = await h.Client.GetFromJsonAsync<LatencyBody>("/api/sync/latency", Ct);
        Assert.Contains(latency!.Channels, c => c.ChannelId == "webshop" && c.Count > 0 && c.P99 > 0);
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_refused_and_changes_nothing()
    {
        await using var h = await SyncHarness.StartAsync(postgres);
        var (sku, store) = await StoreStockInWebshopPoolAsync(h);
        var before = await StockAsync(h, sku);
        var payload = $$"""{"id":"forged-1","outlet_id":"{{h.OutletFor(store)}}","status":"CLOSED","created_at":"2026-11-23T10:00:00Z","line_items":[{"product_id":"p","sku":"{{sku}}","quantity":1,"price":10}]}""";
        var body = "type=sale.update&payload=" + Uri.EscapeDataString(payload);
        var forged = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes("not-the-secret"), Encoding.UTF8.GetBytes(body))).ToLowerInvariant();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/lightspeed") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.TryAddWithoutValidation("X-Signature", $"signature={forged}, algorithm=HMAC-SHA256");
        var response = await h.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await StockAsync(h, sku));

        // The same body signed with the real secret is accepted: the refusal was the signature, not the payload.
        var genuine = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SyncHarness.LightspeedSecret), Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
        using var signed = new HttpRequestMessage(HttpMethod.Post, "/webhooks/lightspeed") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        signed.Headers.TryAddWithoutValidation("X-Signature", $"signature={genuine}, algorithm=HMAC-SHA256");
        Assert.Equal(HttpStatusCode.OK, (await h.Client.SendAsync(signed, Ct)).StatusCode);
        Assert.NotEqual(before, await StockAsync(h, sku));
    }

    [Fact]
    public async Task With_a_tiny_cost_bucket_every_value_converges_and_no_request_is_throttled()
    {
        await using var h = await SyncHarness.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Simulators:Shopify:MaximumAvailable"] = "60",
            ["Simulators:Shopify:RestoreRate"] = "150",
        });
        await h.WaitForShopifyToConvergeAsync(Converge);
        var skus = (await h.SyncRowsAsync("webshop")).Select(r => r.Sku).ToList();
        foreach (var sku in skus)
        {
            await CountAsync(h, sku, "warehouse", 3 + sku.Length % 7);
        }

        await h.WaitForShopifyToConvergeAsync(Converge);
        Assert.Equal(0, h.Shopify.ThrottledCount);
    }

    [Fact]
    public async Task After_an_outage_everything_converges_and_nothing_is_lost()
    {
        await using var h = await SyncHarness.StartAsync(postgres);
        await h.WaitForShopifyToConvergeAsync(Converge);
        h.Shopify.Faults.Apply(new() { OutageUntil = DateTimeOffset.UtcNow.AddHours(1) });
        var skus = (await h.SyncRowsAsync("webshop")).Select(r => r.Sku).Take(12).ToList();
        foreach (var sku in skus) await CountAsync(h, sku, "warehouse", 11);

        // The outage is seen: rows fail and retry, the circuit opens.
        await SyncHarness.WaitUntilAsync(async () => (await h.SyncRowsAsync("webshop")).Any(r => r.Status == SyncStatus.Failed), Converge, "pushes to fail during the outage");
        Assert.Contains((await h.Client.GetFromJsonAsync<ChannelSyncBody[]>("/api/sync/channels", Ct))!, c => c.ChannelId == "webshop" && c.Health!.ConsecutiveFailures > 0);

        h.Shopify.Faults.Apply(new());
        await h.WaitForShopifyToConvergeAsync(Converge);
        var rows = await h.SyncRowsAsync("webshop");
        Assert.All(skus, s =>
        {
            var desired = rows.Single(r => r.Sku == s).Desired;
            Assert.True(desired >= 11, $"{s}: the counted warehouse stock is part of what the webshop may sell");
            Assert.Equal(desired, h.Shopify.Quantities()[s]);
        });
    }

    [Fact]
    public async Task A_hub_stopped_mid_stream_converges_from_its_durable_state_after_restart()
    {
        await using var h = await SyncHarness.StartAsync(postgres);
        await h.WaitForShopifyToConvergeAsync(Converge);
        h.Shopify.Faults.Apply(new() { OutageUntil = DateTimeOffset.UtcNow.AddHours(1) });
        var skus = (await h.SyncRowsAsync("webshop")).Select(r => r.Sku).Take(15).ToList();
        foreach (var sku in skus) await CountAsync(h, sku, "warehouse", 21);
        Assert.Contains(await h.SyncRowsAsync("webshop"), r => r.Dirty);

        await h.RestartHubAsync();
        h.Shopify.Faults.Apply(new());

        await h.WaitForShopifyToConvergeAsync(Converge);
        var rows = await h.SyncRowsAsync("webshop");
        Assert.All(skus, s => Assert.Equal(rows.Single(r => r.Sku == s).Desired, h.Shopify.Quantities()[s]));
    }

    [Fact]
    public async Task Reconciliation_finds_drift_on_the_channel_and_repairs_it()
    {
        await using var h = await SyncHarness.StartAsync(postgres);
        await h.WaitForShopifyToConvergeAsync(Converge);
        var row = (await h.SyncRowsAsync("webshop")).First();
        h.Shopify.Corrupt(row.Sku, row.Desired + 917);

        var response = await h.Client.PostAsync("/api/channels/webshop/reconcile", null, Ct);
        response.EnsureSuccessStatusCode();
        var run = await response.Content.ReadFromJsonAsync<ReconciliationRun>(Ct);

        Assert.Equal(1, run!.Drifted);
        Assert.True(run.Checked >= 1);
        await SyncHarness.WaitUntilAsync(() => Task.FromResult(h.Shopify.Quantities()[row.Sku] == row.Desired), Converge, "the drift to be repaired");
        await h.WaitForShopifyToConvergeAsync(Converge);
    }

    /// <summary>A SKU with sellable stock at a ship-from-store store (so a sale there changes the webshop number).</summary>
    private static async Task<(string Sku, string Store)> StoreStockInWebshopPoolAsync(SyncHarness h)
    {
        foreach (var row in await h.SyncRowsAsync("webshop"))
        {
            var stock = await h.Client.GetFromJsonAsync<StockBody>($"/api/stock/{row.Sku}");
            var store = stock!.Locations.FirstOrDefault(l => l.LocationId is "store-rotterdam" or "store-amsterdam" or "store-utrecht" && l.Atp > 0);
            if (store is not null) return (row.Sku, store.LocationId);
        }
        throw new InvalidOperationException("The seed has no SKU with sellable store stock in the webshop pool.");
    }

    private static async Task<string> StockAsync(SyncHarness h, string sku) => await h.Client.GetStringAsync($"/api/stock/{sku}");

    private static async Task CountAsync(SyncHarness h, string sku, string location, int quantity)
    {
        var response = await h.Client.PostAsJsonAsync("/api/stock/movements", new { sku, locationId = location, type = "count", quantity });
        response.EnsureSuccessStatusCode();
    }

    private sealed record LatencyBody(IReadOnlyList<LatencyChannel> Channels);

    private sealed record LatencyChannel(string ChannelId, int Count, double? P99);

    private sealed record ChannelSyncBody(string ChannelId, HealthBody? Health);

    private sealed record HealthBody(int ConsecutiveFailures);

    private sealed record StockBody(IReadOnlyList<StockLocation> Locations);

    private sealed record StockLocation(string LocationId, int Atp);
}

public sealed class StockSyncTestsOnSqlite() : StockSyncTests(postgres: false);

public sealed class StockSyncTestsOnPostgres() : StockSyncTests(postgres: true);
