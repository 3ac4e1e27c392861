using System.Collections.Concurrent;
using Overal.Core.Messaging;
using Overal.Core.Messaging.Events;

namespace Overal.Hub.Tests.Messaging;

/// <summary>
/// What every event transport must do (in-process now; RabbitMQ must pass the same suite). Delivery is at least
/// once, so the assertions are on what arrives, not on how often beyond that.
/// </summary>
public abstract class EventBusCompliance<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IEventBusFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IEventBus Bus => fixture.Bus;

    [Fact]
    public async Task A_subscriber_receives_the_event_as_published()
    {
        var received = new TaskCompletionSource<StockChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sku = "SKU-" + Guid.NewGuid();
        using var _ = Bus.Subscribe<StockChanged>((e, _) =>
        {
            if (e.Sku == sku) received.TrySetResult(e);
            return Task.CompletedTask;
        });
        var sent = new StockChanged(sku, ["webshop", "bol"]) { OccurredAt = DateTimeOffset.UtcNow };

        await Bus.PublishAsync(sent, Ct);

        var got = await received.Task.WaitAsync(Wait, Ct);
        Assert.Equal(sent.Id, got.Id);
        Assert.Equal(sent.ChannelsChanged, got.ChannelsChanged);
        Assert.Equal(StockChanged.Name, got.EventName);
    }

    [Fact]
    public async Task Every_subscriber_gets_its_own_copy_and_only_of_its_type()
    {
        var sku = "SKU-" + Guid.NewGuid();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrongType = 0;
        using var a = Bus.Subscribe<StockChanged>((e, _) => { if (e.Sku == sku) first.TrySetResult(); return Task.CompletedTask; });
        using var b = Bus.Subscribe<StockChanged>((e, _) => { if (e.Sku == sku) second.TrySetResult(); return Task.CompletedTask; });
        using var c = Bus.Subscribe<ChannelSyncConfirmed>((e, _) => { if (e.Skus.Contains(sku)) Interlocked.Increment(ref wrongType); return Task.CompletedTask; });

        await Bus.PublishAsync(new StockChanged(sku, []) { OccurredAt = DateTimeOffset.UtcNow }, Ct);
        var marker = new ChannelSyncConfirmed("webshop", ["marker-" + sku], 1) { OccurredAt = DateTimeOffset.UtcNow };
        var markerSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var d = Bus.Subscribe<ChannelSyncConfirmed>((e, _) => { if (e.Id == marker.Id) markerSeen.TrySetResult(); return Task.CompletedTask; });
        await Bus.PublishAsync(marker, Ct);

        await Task.WhenAll(first.Task, second.Task, markerSeen.Task).WaitAsync(Wait, Ct);
        Assert.Equal(0, wrongType);
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_later_events_or_other_subscribers()
    {
        var sku = "SKU-" + Guid.NewGuid();
        var seen = new ConcurrentBag<Guid>();
        var healthy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var failing = Bus.Subscribe<StockChanged>((e, _) =>
        {
            if (e.Sku != sku) return Task.CompletedTask;
            seen.Add(e.Id);
            if (seen.Count == 1) throw new InvalidOperationException("handler bug");
            return Task.CompletedTask;
        });
        using var other = Bus.Subscribe<StockChanged>((e, _) => { if (e.Sku == sku) healthy.TrySetResult(); return Task.CompletedTask; });

        var one = new StockChanged(sku, []) { OccurredAt = DateTimeOffset.UtcNow };
        var two = new StockChanged(sku, []) { OccurredAt = DateTimeOffset.UtcNow };
        await Bus.PublishAsync(one, Ct);
        await Bus.PublishAsync(two, Ct);

        await healthy.Task.WaitAsync(Wait, Ct);
        await WaitForAsync(() => seen.Contains(two.Id));
        Assert.Contains(one.Id, seen);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var sku = "SKU-" + Guid.NewGuid();
        var count = 0;
        var subscription = Bus.Subscribe<StockChanged>((e, _) => { if (e.Sku == sku) Interlocked.Increment(ref count); return Task.CompletedTask; });
        await Bus.PublishAsync(new StockChanged(sku, []) { OccurredAt = DateTimeOffset.UtcNow }, Ct);
        await WaitForAsync(() => Volatile.Read(ref count) == 1);

        subscription.Dispose();
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var probe = Bus.Subscribe<StockChanged>((e, _) => { if (e.Sku == sku) after.TrySetResult(); return Task.CompletedTask; });
        await Bus.PublishAsync(new StockChanged(sku, []) { OccurredAt = DateTimeOffset.UtcNow }, Ct);
        await after.Task.WaitAsync(Wait, Ct);

        Assert.Equal(1, Volatile.Read(ref count));
    }

    [Fact]
    public void Events_round_trip_through_their_stable_names()
    {
        var sent = new StockChanged("OV1000-BLK-M", ["webshop"]) { OccurredAt = DateTimeOffset.UnixEpoch.AddDays(20000) };
        var back = Assert.IsType<StockChanged>(EventTypes.Deserialize(sent.EventName, EventTypes.Serialize(sent)));
        Assert.Equal(sent.Id, back.Id);
        Assert.Equal(sent.OccurredAt, back.OccurredAt);
        Assert.Equal(sent.ChannelsChanged, back.ChannelsChanged);
        Assert.Throws<InvalidOperationException>(() => EventTypes.Deserialize("no.such_event", "{}"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for the bus.");
            await Task.Delay(10, Ct);
        }
    }
}
