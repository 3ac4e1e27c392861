using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Tests.Webhooks;
using Overal.Simulators;
using Overal.Simulators.Shopify;

namespace Overal.Channels.Tests.Shopify;

/// <summary>
/// A failed orders/create delivery is retried as Shopify does (8 retries over 4 h), on the simulator's clock: a
/// FakeTimeProvider moves time, and the tests only poll (real time, bounded) for an attempt that is already due.
/// </summary>
public sealed class ShopifyWebhookRetryTests : IAsyncDisposable
{
    private const string Secret = "shopify_app_secret";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ShopifySimulator> _sims = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<TimeSpan> Delays => new ShopifySimulatorOptions().WebhookRetryDelays;

    [Fact]
    public void The_default_schedule_is_8_retries_over_4_hours()
    {
        Assert.Equal(8, Delays.Count);
        Assert.Equal(TimeSpan.FromHours(4), Delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d));
    }

    [Fact]
    public async Task A_hub_that_fails_twice_gets_the_order_on_the_third_attempt_after_the_first_two_delays()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var sim = Start(receiver);

        var placed = await PlaceOrderAsync(sim);

        Assert.Equal(500, placed.WebhookStatus);
        Assert.Equal(1, sim.PendingWebhookRetries);
        _clock.Advance(Delays[0] - TimeSpan.FromSeconds(1));
        Assert.Single(sim.WebhookDeliveries());
        Assert.Single(receiver.Received);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Until(() => sim.WebhookDeliveries().Count == 2);
        _clock.Advance(Delays[1] - TimeSpan.FromSeconds(1));
        Assert.Equal(2, sim.WebhookDeliveries().Count);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Until(() => sim.WebhookDeliveries().Count == 3 && sim.PendingWebhookRetries == 0);

        var deliveries = sim.WebhookDeliveries();
        Assert.Equal([500, 500, 200], deliveries.Select(d => d.Status));
        Assert.Equal([1, 2, 3], deliveries.Select(d => d.Attempt));
        var start = deliveries[0].At;
        Assert.Equal([start, start + Delays[0], start + Delays[0] + Delays[1]], deliveries.Select(d => d.At));
        AssertRedeliveriesOfOneEvent(receiver.Received, deliveries);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(3, sim.WebhookDeliveries().Count);
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task A_hub_that_always_fails_gets_the_first_attempt_and_8_retries_then_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var sim = Start(receiver);

        await PlaceOrderAsync(sim);
        for (var retry = 1; retry <= Delays.Count; retry++)
        {
            _clock.Advance(Delays[retry - 1]);
            var expected = retry + 1;
            await Until(() => sim.WebhookDeliveries().Count == expected);
        }
        await Until(() => sim.PendingWebhookRetries == 0);

        _clock.Advance(TimeSpan.FromDays(30));
        var deliveries = sim.WebhookDeliveries();
        Assert.Equal(Enumerable.Range(1, 9), deliveries.Select(d => d.Attempt));
        Assert.All(deliveries, d => Assert.Equal(500, d.Status));
        Assert.Equal(TimeSpan.FromHours(4), deliveries[^1].At - deliveries[0].At);
        Assert.Equal(9, receiver.Received.Count);
        AssertRedeliveriesOfOneEvent(receiver.Received, deliveries);
    }

    [Fact]
    public async Task A_delivery_the_hub_accepts_first_time_is_never_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sim = Start(receiver);

        var placed = await PlaceOrderAsync(sim);

        Assert.Equal(200, placed.WebhookStatus);
        Assert.Equal(0, sim.PendingWebhookRetries);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(200, Assert.Single(sim.WebhookDeliveries()).Status);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task An_unreachable_hub_is_retried_too()
    {
        // Port 1 (tcpmux) is closed on any machine that runs these tests; a freed ephemeral port could be reused by a parallel test.
        var sim = Start(new Uri("http://127.0.0.1:1/webhooks/shopify"));

        var placed = await PlaceOrderAsync(sim);
        _clock.Advance(Delays[0]);
        await Until(() => sim.WebhookDeliveries().Count == 2);

        Assert.Null(placed.WebhookStatus);
        Assert.All(sim.WebhookDeliveries(), d => Assert.Null(d.Status));
        Assert.Equal(1, sim.PendingWebhookRetries);
    }

    [Fact]
    public async Task Disposing_the_simulator_stops_pending_retries()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var sim = Start(receiver);
        await PlaceOrderAsync(sim);
        _clock.Advance(Delays[0]);
        await Until(() => sim.WebhookDeliveries().Count == 2);

        await sim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        sim.Dispose(); // the container disposes it a second time (registered as itself and as IChannelSimulator)

        Assert.Equal(0, sim.PendingWebhookRetries);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, sim.WebhookDeliveries().Count);
        Assert.Equal(2, receiver.Received.Count);
    }

    private ShopifySimulator Start(WebhookReceiver receiver) => Start(receiver.Url);

    private ShopifySimulator Start(Uri webhookUrl)
    {
        var sim = new ShopifySimulator(Options.Create(new ShopifySimulatorOptions { WebhookUrl = webhookUrl.ToString(), WebhookSecret = Secret }), _clock);
        sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 10m, 5)]);
        _sims.Add(sim);
        return sim;
    }

    public async ValueTask DisposeAsync()
    {
        // Bounded: a retry that ignored disposal would wait on the fake clock for ever.
        foreach (var sim in _sims) await sim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    private static Task<ShopifySimOrderPlaced> PlaceOrderAsync(ShopifySimulator sim) =>
        sim.PlaceOrderAsync(new ShopifySimOrderRequest([new ShopifySimOrderLine("SKU-A", 1)]), Ct);

    /// <summary>Every delivery is the same event (one X-Shopify-Event-Id), each with its own webhook id and a valid signature.</summary>
    private static void AssertRedeliveriesOfOneEvent(IReadOnlyList<ReceivedWebhook> received, IReadOnlyList<ShopifyWebhookDelivery> deliveries)
    {
        Assert.Single(received.Select(w => w.Headers["X-Shopify-Event-Id"]).Distinct());
        Assert.Equal(received.Count, received.Select(w => w.Headers["X-Shopify-Webhook-Id"]).Distinct().Count());
        Assert.Equal(deliveries.Select(d => (d.EventId, d.WebhookId)),
            received.Select(w => (w.Headers["X-Shopify-Event-Id"], w.Headers["X-Shopify-Webhook-Id"])));
        Assert.Single(received.Select(w => Convert.ToBase64String(w.Body)).Distinct());
        Assert.All(received, w =>
        {
            Assert.Equal("orders/create", w.Headers["X-Shopify-Topic"]);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), w.Body));
            Assert.Equal(expected, w.Headers["X-Shopify-Hmac-SHA256"]);
        });
    }

    /// <summary>Waits for an attempt that is already due to land (its HTTP call is real), bounded in real time.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), "The expected webhook attempt did not land within 10 s.");
            await Task.Delay(TimeSpan.FromMilliseconds(10), Ct);
        }
    }
}
