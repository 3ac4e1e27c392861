using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Abstractions;
using Overal.Channels.Shopify;
using Overal.Channels.Tests.Compliance;
using Overal.Channels.Tests.Webhooks;
using Overal.Simulators;
using Overal.Simulators.Shopify;

namespace Overal.Channels.Tests.Shopify;

public sealed class ShopifyAdapterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stale_compare_is_reread_and_our_value_still_wins()
    {
        await using var shop = await ShopAsync();
        shop.Sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 10m, 5), new SimulatedItem("SKU-B", "8712345000028", "B", 10m, 8)]);
        // Somebody changed SKU-A in the Shopify admin after the hub last confirmed 5.
        shop.Sim.Corrupt("SKU-A", 9);

        var result = await shop.Adapter.PushStockAsync(
            [new StockUpdate("SKU-A", "8712345000011", 3, LastConfirmedQuantity: 5), new StockUpdate("SKU-B", "8712345000028", 6, LastConfirmedQuantity: 8)], Ct);

        Assert.All(result.Items, r => Assert.Equal(ItemOutcome.Confirmed, r.Outcome));
        Assert.Equal(3, shop.Sim.Quantities()["SKU-A"]);
        Assert.Equal(6, shop.Sim.Quantities()["SKU-B"]);
        Assert.Equal(1, shop.Sim.InventoryMutationsApplied);
    }

    [Fact]
    public async Task With_a_tiny_cost_bucket_600_skus_converge_without_a_single_throttled_request()
    {
        await using var shop = await ShopAsync(o =>
        {
            o.MaximumAvailable = 60;
            o.RestoreRate = 150;
        });
        var items = Enumerable.Range(0, 600)
            .Select(i => new SimulatedItem($"SKU-{i:D4}", (8712345000000 + i).ToString(CultureInfo.InvariantCulture), $"Item {i}", 19.95m, 0))
            .ToList();
        shop.Sim.Seed(items);
        var wanted = items.ToDictionary(i => i.Sku, i => new StockUpdate(i.Sku, i.Ean, (i.Sku.GetHashCode(StringComparison.Ordinal) & 0xff) + 1, null));

        // Behave like the dispatcher: push what is not yet confirmed in batches of MaxBatchSize, honour RetryAfter.
        for (var round = 0; wanted.Count > 0 && round < 100; round++)
        {
            foreach (var batch in wanted.Values.Chunk(shop.Adapter.MaxBatchSize).ToList())
            {
                var result = await shop.Adapter.PushStockAsync(batch, Ct);
                foreach (var item in result.Items.Where(r => r.Outcome == ItemOutcome.Confirmed)) wanted.Remove(item.Sku);
                Assert.DoesNotContain(result.Items, r => r.Outcome == ItemOutcome.Rejected);
                if (result.RetryAfter is { } wait) await Task.Delay(wait, Ct);
            }
        }

        Assert.Empty(wanted);
        Assert.Equal(0, shop.Sim.ThrottledCount);
        var readings = await shop.Adapter.ReadStockAsync([.. items.Select(i => i.Sku)], Ct);
        Assert.Equal(600, readings.Count);
        Assert.All(readings, r => Assert.Equal(shop.Sim.Quantities()[r.Sku], r.Quantity));
        Assert.Equal(0, shop.Sim.ThrottledCount);
    }

    [Fact]
    public async Task An_order_webhook_verifies_parses_and_its_shipment_is_recorded_with_tracking()
    {
        const string secret = "shpss_test_secret";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var shop = await ShopAsync(o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.WebhookSecret = secret;
        });
        shop.Sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 29.95m, 5), new SimulatedItem("SKU-B", "8712345000028", "B", 10m, 8)]);

        var placed = await shop.Sim.PlaceOrderAsync(new ShopifySimOrderRequest([new("SKU-A", 2), new("SKU-B", 1)]), Ct);

        Assert.Equal(200, placed.WebhookStatus);
        var webhook = Assert.Single(receiver.Received);
        Assert.Equal("orders/create", webhook.Headers[ShopifyWebhookHeaders.Topic]);
        Assert.Equal(shop.Sim.Options.ShopDomain, webhook.Headers[ShopifyWebhookHeaders.ShopDomain]);
        Assert.Equal("2026-04", webhook.Headers[ShopifyWebhookHeaders.ApiVersion]);
        Assert.True(webhook.Headers.ContainsKey(ShopifyWebhookHeaders.WebhookId));
        Assert.True(webhook.Headers.ContainsKey(ShopifyWebhookHeaders.EventId));
        var verifier = new ShopifyWebhookVerifier(secret);
        Assert.True(verifier.IsAuthentic(webhook.Body, webhook.Headers[ShopifyWebhookHeaders.Hmac]));

        var order = ShopifyOrderWebhookParser.Parse(webhook.Body);
        Assert.Equal("webshop", order.ChannelId);
        Assert.Equal(placed.OrderId.ToString(CultureInfo.InvariantCulture), order.ExternalId);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal("home", order.Delivery.Kind);
        var lineA = Assert.Single(order.Lines, l => l.Sku == "SKU-A");
        Assert.Equal(2, lineA.Quantity);
        Assert.Equal(29.95m, lineA.UnitPriceInclVat);

        var shipped = await shop.Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(order.ExternalId,
            [.. order.Lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))],
            "PostNL", "3SABCD1234567", "https://postnl.nl/tracktrace/?B=3SABCD1234567", DateTimeOffset.UtcNow), Ct);

        Assert.True(shipped.Succeeded, shipped.Error);
        var fulfillment = Assert.Single(shop.Sim.Fulfillments());
        Assert.Equal(("PostNL", "3SABCD1234567", "https://postnl.nl/tracktrace/?B=3SABCD1234567"), (fulfillment.Company, fulfillment.Number, fulfillment.Url));
        Assert.Equal(3, fulfillment.Lines.Sum(l => l.Quantity));

        var again = await shop.Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(order.ExternalId,
            [new ShipmentLine(lineA.ExternalLineId, 1)], "PostNL", "3SX", null, DateTimeOffset.UtcNow), Ct);
        Assert.False(again.Succeeded);
    }

    [Fact]
    public async Task The_webhook_verifier_rejects_a_tampered_body_a_wrong_secret_and_a_missing_header()
    {
        const string secret = "shpss_test_secret";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var shop = await ShopAsync(o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.WebhookSecret = secret;
        });
        shop.Sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 29.95m, 5)]);
        await shop.Sim.PlaceOrderAsync(new ShopifySimOrderRequest([new("SKU-A", 1)]), Ct);
        var webhook = Assert.Single(receiver.Received);
        var hmac = webhook.Headers[ShopifyWebhookHeaders.Hmac];
        var tampered = (byte[])webhook.Body.Clone();
        tampered[^10] ^= 0x01;

        Assert.True(new ShopifyWebhookVerifier(secret).IsAuthentic(webhook.Body, hmac));
        Assert.False(new ShopifyWebhookVerifier(secret).IsAuthentic(tampered, hmac));
        Assert.False(new ShopifyWebhookVerifier("another-secret").IsAuthentic(webhook.Body, hmac));
        Assert.False(new ShopifyWebhookVerifier(secret).IsAuthentic(webhook.Body, null));
        Assert.False(new ShopifyWebhookVerifier(secret).IsAuthentic(webhook.Body, "not base64!"));
    }

    [Fact]
    public async Task A_redelivered_webhook_keeps_its_event_id_so_the_hub_can_drop_the_duplicate()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var shop = await ShopAsync(o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.WebhookSecret = "s";
        });
        shop.Sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 29.95m, 5)]);
        var placed = await shop.Sim.PlaceOrderAsync(new ShopifySimOrderRequest([new("SKU-A", 1)]), Ct);

        await shop.Sim.RedeliverOrderWebhookAsync(placed.OrderId, Ct);

        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Received[0].Headers[ShopifyWebhookHeaders.EventId], receiver.Received[1].Headers[ShopifyWebhookHeaders.EventId]);
        Assert.NotEqual(receiver.Received[0].Headers[ShopifyWebhookHeaders.WebhookId], receiver.Received[1].Headers[ShopifyWebhookHeaders.WebhookId]);
        Assert.Equal(receiver.Received[0].Body, receiver.Received[1].Body);
    }

    [Fact]
    public async Task A_wrong_access_token_means_retry_later_not_rejection()
    {
        await using var shop = await ShopAsync(token: "shpat_wrong");
        shop.Sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 10m, 5)]);

        var result = await shop.Adapter.PushStockAsync([new StockUpdate("SKU-A", "8712345000011", 3, null)], Ct);

        Assert.Equal(ItemOutcome.RetryLater, Assert.Single(result.Items).Outcome);
        Assert.Equal(5, shop.Sim.Quantities()["SKU-A"]);
    }

    private static async Task<Shop> ShopAsync(Action<ShopifySimulatorOptions>? configure = null, string? token = null)
    {
        var server = await SimulatorServer.StartAsync(s => s.Configure<ShopifySimulatorOptions>(o => configure?.Invoke(o)));
        var sim = server.Simulator<ShopifySimulator>();
        var http = new HttpClient();
        var adapter = ShopifyChannelServiceCollectionExtensions.CreateAdapter(http, new ShopifyOptions
        {
            BaseUrl = server.BaseFor("shopify"),
            AccessToken = token ?? sim.Options.AccessToken,
            LocationId = sim.LocationIds[0],
        });
        return new Shop(server, sim, adapter, http);
    }

    private sealed record Shop(SimulatorServer Server, ShopifySimulator Sim, ShopifyAdapter Adapter, HttpClient Http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Server.DisposeAsync();
        }
    }
}
