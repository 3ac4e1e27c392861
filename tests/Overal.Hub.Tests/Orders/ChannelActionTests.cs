using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Api.Orders;

namespace Overal.Hub.Tests.Orders;

public sealed class ChannelActionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrdersHubFactory Hub(string provider, FakeChannelAdapter adapter, FakeTimeProvider time) => new(provider,
        new() { ["Orders:Actions:Enabled"] = "false", ["Orders:Actions:MaxAttempts"] = "3" },
        services =>
        {
            services.AddSingleton<IChannelAdapter>(adapter);
            services.AddSingleton<TimeProvider>(time);
        });

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_shipment_is_confirmed_to_the_originating_channel_with_its_tracking_after_retries(string provider)
    {
        var adapter = new FakeChannelAdapter("webshop") { FailuresBeforeSuccess = 1 };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = Hub(provider, adapter, time);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 2 });
        var client = hub.CreateClient();
        var id = await OrderLifecycleTests.CreateAsync(client, "SHOP-1001", (sku, 1));
        await client.PostAsync($"/api/orders/{id}/pick", null, Ct);
        await client.PostAsync($"/api/orders/{id}/pack", null, Ct);
        await client.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "PostNL", trackingNumber = "3SOVERAL1", trackingUrl = "https://postnl.nl/t/3SOVERAL1" }, Ct);
        var dispatcher = hub.Services.GetRequiredService<ChannelActionDispatcher>();

        await dispatcher.RunOnceAsync(Ct);
        var failed = await ActionAsync(hub, id);
        Assert.Equal(ChannelActionStatus.Pending, failed.Status);
        Assert.Equal("fake outage", failed.LastError);
        Assert.True(failed.NextAttemptAt > time.GetUtcNow());
        Assert.Empty(adapter.Shipments);

        time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync(Ct);

        var shipment = Assert.Single(adapter.Shipments);
        Assert.Equal("SHOP-1001", shipment.ExternalOrderId);
        Assert.Equal("3SOVERAL1", shipment.TrackingNumber);
        Assert.Equal("https://postnl.nl/t/3SOVERAL1", shipment.TrackingUrl);
        Assert.Equal("1", Assert.Single(shipment.Lines).ExternalLineId);
        var done = await ActionAsync(hub, id);
        Assert.Equal(ChannelActionStatus.Done, done.Status);
        Assert.Equal(2, done.Attempts);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_throttled_action_waits_as_the_channel_asks_without_spending_its_attempts(string provider)
    {
        // Five rate-limit answers against MaxAttempts = 3, then one outage, then success.
        var adapter = new FakeChannelAdapter("webshop") { ThrottlesBeforeSuccess = 5, FailuresBeforeSuccess = 1 };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = Hub(provider, adapter, time);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 2 });
        var client = hub.CreateClient();
        var id = await OrderLifecycleTests.CreateAsync(client, "SHOP-THROTTLED", (sku, 1));
        await client.PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "requested_by_customer" }, Ct);
        var dispatcher = hub.Services.GetRequiredService<ChannelActionDispatcher>();

        for (var call = 1; call <= 5; call++)
        {
            await dispatcher.RunOnceAsync(Ct);
            var throttled = await ActionAsync(hub, id);
            Assert.Equal((ChannelActionStatus.Pending, 0, "fake rate limit"), (throttled.Status, throttled.Attempts, throttled.LastError));
            Assert.Equal(time.GetUtcNow() + adapter.ThrottleWait, throttled.NextAttemptAt, TimeSpan.FromMilliseconds(1));
            // Not a moment before the channel said.
            time.Advance(adapter.ThrottleWait - TimeSpan.FromSeconds(1));
            await dispatcher.RunOnceAsync(Ct);
            Assert.Equal(call, adapter.Calls);
            time.Advance(TimeSpan.FromSeconds(1));
        }
        await dispatcher.RunOnceAsync(Ct);
        Assert.Equal((ChannelActionStatus.Pending, 1), ((await ActionAsync(hub, id)).Status, (await ActionAsync(hub, id)).Attempts));
        time.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunOnceAsync(Ct);

        var done = await ActionAsync(hub, id);
        Assert.Equal((ChannelActionStatus.Done, 2), (done.Status, done.Attempts));
        Assert.Single(adapter.Cancellations);
        Assert.Equal(7, adapter.Calls);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task An_action_that_keeps_failing_goes_dead_and_one_without_an_adapter_waits(string provider)
    {
        var adapter = new FakeChannelAdapter("webshop") { FailuresBeforeSuccess = 100 };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = Hub(provider, adapter, time);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 5 });
        var client = hub.CreateClient();
        var web = await OrderLifecycleTests.CreateAsync(client, "SHOP-DEAD", (sku, 1));
        var b2b = await OrdersHubFactory.ReadAsync<OrderDetail>(await client.PostAsJsonAsync("/api/orders",
            new { channelId = "b2b", externalId = "B2B-1", lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 20m } } }, Ct));
        await client.PostAsJsonAsync($"/api/orders/{web}/cancel", new { reason = "technical_issue" }, Ct);
        await client.PostAsJsonAsync($"/api/orders/{b2b.Id}/cancel", new { reason = "requested_by_customer" }, Ct);
        var dispatcher = hub.Services.GetRequiredService<ChannelActionDispatcher>();

        for (var round = 0; round < 4; round++)
        {
            await dispatcher.RunOnceAsync(Ct);
            time.Advance(TimeSpan.FromHours(1));
        }

        var dead = await ActionAsync(hub, web);
        Assert.Equal(ChannelActionStatus.Dead, dead.Status);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal(3, adapter.Calls);
        var waiting = await ActionAsync(hub, b2b.Id);
        Assert.Equal(ChannelActionStatus.WaitingForAdapter, waiting.Status);
        Assert.Equal(0, waiting.Attempts);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_marketplace_oversell_cancellation_is_sent_with_reason_out_of_stock(string provider)
    {
        var adapter = new FakeChannelAdapter("zalando");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = Hub(provider, adapter, time);
        var sku = (await hub.SkusAsync(1))[0];
        // zalando keeps a buffer of 1: it advertises one of the two units, so the second line is the oversell.
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 2 });
        await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(OrdersHubFactory.Order("zalando", "Z-1", lines: [(sku, 1, 80m), (sku, 1, 80m)]), Ct));

        await hub.Services.GetRequiredService<ChannelActionDispatcher>().RunOnceAsync(Ct);

        var cancellation = Assert.Single(adapter.Cancellations);
        Assert.Equal("out_of_stock", cancellation.ReasonCode);
        Assert.Equal("L2", Assert.Single(cancellation.Lines).ExternalLineId);
    }

    private static Task<ChannelAction> ActionAsync(OrdersHubFactory hub, Guid orderId) =>
        hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<ChannelAction>().AsNoTracking().SingleAsync(a => a.OrderId == orderId, Ct));
}
