using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Lightspeed;
using Overal.Channels.Tests.Compliance;
using Overal.Channels.Tests.Webhooks;
using Overal.Simulators;
using Overal.Simulators.Lightspeed;

namespace Overal.Channels.Tests.Lightspeed;

public sealed class LightspeedWebhookTests
{
    private const string Secret = "ls_client_secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_till_sale_arrives_signed_and_parses_to_outlet_sku_quantity_and_price()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        var sim = server.Simulator<LightspeedSimulator>();
        var amsterdam = sim.Outlets.Single(o => o.Value == "Amsterdam").Key;

        var rung = await sim.RingUpSaleAsync(new LightspeedSimSaleRequest("Amsterdam", [new("TEE-ORG-BLK-S", 2)]), Ct);

        Assert.Equal(200, rung.WebhookStatus);
        Assert.Equal(2, receiver.Received.Count);
        var verifier = new LightspeedWebhookVerifier(Secret);
        Assert.All(receiver.Received, w =>
        {
            Assert.Equal("application/x-www-form-urlencoded", w.ContentType);
            Assert.True(verifier.IsAuthentic(w.Body, w.Headers["X-Signature"]));
        });

        var saleHook = LightspeedWebhookParser.ParseForm(receiver.Received[0].Body);
        Assert.Equal(LightspeedWebhook.SaleUpdate, saleHook.Type);
        Assert.Equal("overal", saleHook.DomainPrefix);
        var sale = LightspeedWebhookParser.ParseSale(saleHook.PayloadJson);
        Assert.Equal(rung.SaleId, sale.SaleId);
        Assert.Equal(amsterdam, sale.OutletId);
        Assert.Equal("CLOSED", sale.Status);
        var line = Assert.Single(sale.Lines);
        Assert.Equal(("TEE-ORG-BLK-S", 2, 29.95m), (line.Sku, line.Quantity, line.UnitPriceInclTax));

        var countHook = LightspeedWebhookParser.ParseForm(receiver.Received[1].Body);
        Assert.Equal(LightspeedWebhook.InventoryUpdate, countHook.Type);
        Assert.Equal(new PosInventoryCount(amsterdam, "TEE-ORG-BLK-S", line.ProductId, 8), LightspeedWebhookParser.ParseInventory(countHook.PayloadJson));
    }

    [Fact]
    public async Task A_tampered_body_or_a_wrong_secret_fails_verification()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        await server.Simulator<LightspeedSimulator>().RingUpSaleAsync(new LightspeedSimSaleRequest("Utrecht", [new("TEE-ORG-BLK-S", 1)]), Ct);
        var hook = receiver.Received[0];
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(hook.Body).Replace("%22quantity%22%3A1", "%22quantity%22%3A9", StringComparison.Ordinal));
        Assert.NotEqual(hook.Body, tampered);

        Assert.False(new LightspeedWebhookVerifier(Secret).IsAuthentic(tampered, hook.Headers["X-Signature"]));
        Assert.False(new LightspeedWebhookVerifier("other").IsAuthentic(hook.Body, hook.Headers["X-Signature"]));
        Assert.False(new LightspeedWebhookVerifier(Secret).IsAuthentic(hook.Body, null));
        Assert.False(new LightspeedWebhookVerifier(Secret).IsAuthentic(hook.Body, hook.Headers["X-Signature"].Replace("HMAC-SHA256", "HMAC-SHA1", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_signature_header_name_and_format_are_configurable()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver, o =>
        {
            o.SignatureHeaderName = "X-Vend-Signature";
            o.SignatureFormat = "{0}";
        });
        await server.Simulator<LightspeedSimulator>().CountAsync("Delft", "TEE-ORG-BLK-S", 5, Ct);

        var hook = Assert.Single(receiver.Received);
        Assert.True(new LightspeedWebhookVerifier(Secret).IsAuthentic(hook.Body, hook.Headers["X-Vend-Signature"]));
        Assert.Equal(5, LightspeedWebhookParser.ParseInventory(LightspeedWebhookParser.ParseForm(hook.Body).PayloadJson).Quantity);
    }

    [Fact]
    public async Task A_sale_whose_webhook_was_lost_is_found_by_the_poll()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(receiver);
        var sim = server.Simulator<LightspeedSimulator>();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        sim.DropNextWebhooks(2);

        var rung = await sim.RingUpSaleAsync(new LightspeedSimSaleRequest("Breda", [new("JEAN-SLIM-32", 1)]), Ct);

        Assert.Empty(receiver.Received);
        Assert.Equal(2, sim.WebhooksDropped);
        using var http = new HttpClient();
        var poller = new LightspeedSalesPoller(http, new LightspeedOptions { BaseUrl = server.BaseFor("lightspeed"), AccessToken = sim.Options.AccessToken });
        var polled = await poller.FetchSalesSinceAsync(since, Ct);
        Assert.True(polled.Complete, polled.Error);
        var sale = Assert.Single(polled.Sales);
        Assert.Equal(rung.SaleId, sale.SaleId);
        Assert.Equal(("JEAN-SLIM-32", 1), (sale.Lines[0].Sku, sale.Lines[0].Quantity));
    }

    private static Task<SimulatorServer> StartAsync(WebhookReceiver receiver, Action<LightspeedSimulatorOptions>? configure = null) =>
        StartSeededAsync(s => s.Configure<LightspeedSimulatorOptions>(o =>
        {
            o.WebhookUrl = receiver.Url.ToString();
            o.WebhookSecret = Secret;
            configure?.Invoke(o);
        }));

    internal static async Task<SimulatorServer> StartSeededAsync(Action<IServiceCollection> configure)
    {
        var server = await SimulatorServer.StartAsync(configure);
        server.Simulator<LightspeedSimulator>().Seed(
        [
            new SimulatedItem("TEE-ORG-BLK-S", "8712345000011", "Organic tee black S", 29.95m, 10),
            new SimulatedItem("JEAN-SLIM-32", "8712345000035", "Slim jeans 32", 89.95m, 4),
        ]);
        return server;
    }
}
