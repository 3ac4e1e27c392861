using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Messaging;
using Overal.Core.Messaging.Events;
using Overal.Core.Orders;
using Overal.Core.Persistence;

namespace Overal.Hub.Tests.Orders;

public sealed class OrderChangedEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_status_change_through_the_api_publishes_exactly_one_order_changed_after_it_committed(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 5 });
        var client = hub.CreateClient();
        var received = Channel.CreateUnbounded<(OrderChanged Event, OrderStatus? StatusSeenByHandler)>();
        using var subscription = hub.Services.GetRequiredService<IEventBus>().Subscribe<OrderChanged>(async (e, ct) =>
        {
            // What a dashboard would read on this event: the change must already be committed and visible.
            var seen = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<Order>().AsNoTracking()
                .Where(o => o.Id == e.OrderId).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(ct));
            received.Writer.TryWrite((e, seen));
        });

        var id = await OrderLifecycleTests.CreateAsync(client, "WEB-EVENT", (sku, 1));
        var created = await NextAsync(received, id);
        Assert.Equal(["created", "allocation"], created.Event.Changes);
        Assert.Equal("allocated", created.Event.Status);
        Assert.Equal(OrderStatus.Allocated, created.StatusSeenByHandler);
        Assert.Equal(1, await OutboxRowsAsync(hub, id));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/orders/{id}/pick", null, Ct)).StatusCode);
        var picked = await NextAsync(received, id);
        Assert.Equal("picking", picked.Event.Status);
        Assert.Equal("webshop", picked.Event.ChannelId);
        Assert.Equal(["status_changed"], picked.Event.Changes);
        Assert.Equal(["warehouse"], picked.Event.Locations);
        Assert.Equal(OrderStatus.Picking, picked.StatusSeenByHandler);
        // One row per transaction: the outbox holds exactly the two events.
        Assert.Equal(2, await OutboxRowsAsync(hub, id));

        // A refused move rolls back with its outbox row: nothing more is written or published.
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/orders/{id}/pick", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/orders/{id}/pack", null, Ct)).StatusCode);
        var packed = await NextAsync(received, id);
        Assert.Equal("packed", packed.Event.Status);
        Assert.Equal(3, await OutboxRowsAsync(hub, id));
        Assert.False(received.Reader.TryRead(out _));
    }

    private static async Task<(OrderChanged Event, OrderStatus? StatusSeenByHandler)> NextAsync(
        Channel<(OrderChanged Event, OrderStatus? StatusSeenByHandler)> received, Guid orderId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var next = await received.Reader.ReadAsync(timeout.Token);
        Assert.Equal(orderId, next.Event.OrderId);
        return next;
    }

    /// <summary>How many OrderChanged rows for the order the outbox holds (published or not).</summary>
    private static Task<int> OutboxRowsAsync(OrdersHubFactory hub, Guid orderId) => hub.InScopeAsync(sp =>
        sp.GetRequiredService<HubDbContext>().Set<OutboxMessage>().AsNoTracking()
            .CountAsync(m => m.EventName == OrderChanged.Name && m.Payload.Contains(orderId.ToString()), Ct));
}
