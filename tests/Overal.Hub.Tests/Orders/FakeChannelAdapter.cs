using System.Collections.Concurrent;
using Overal.Channels.Abstractions;

namespace Overal.Hub.Tests.Orders;

/// <summary>
/// Records the write-backs it receives; throttles the first <see cref="ThrottlesBeforeSuccess"/> calls (asking for
/// <see cref="ThrottleWait"/>), then fails the next <see cref="FailuresBeforeSuccess"/> (retryable).
/// </summary>
public sealed class FakeChannelAdapter(string channelId) : IChannelAdapter
{
    private int _calls;

    public int FailuresBeforeSuccess { get; set; }
    public int ThrottlesBeforeSuccess { get; set; }
    public TimeSpan ThrottleWait { get; set; } = TimeSpan.FromSeconds(30);
    public bool FailPermanently { get; set; }
    public ConcurrentQueue<ShipmentConfirmation> Shipments { get; } = new();
    public ConcurrentQueue<OrderCancellation> Cancellations { get; } = new();
    public int Calls => _calls;

    public string ChannelId => channelId;
    public ChannelCapabilities Capabilities => ChannelCapabilities.ConfirmShipment | ChannelCapabilities.CancelOrder;
    public int MaxBatchSize => 1;

    public Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken)
    {
        if (Fail() is { } failure) return Task.FromResult(failure);
        Shipments.Enqueue(shipment);
        return Task.FromResult(ChannelActionResult.Ok);
    }

    public Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        if (Fail() is { } failure) return Task.FromResult(failure);
        Cancellations.Enqueue(cancellation);
        return Task.FromResult(ChannelActionResult.Ok);
    }

    private ChannelActionResult? Fail()
    {
        var call = Interlocked.Increment(ref _calls);
        if (FailPermanently) return new ChannelActionResult(false, false, "rejected by fake");
        if (call <= ThrottlesBeforeSuccess) return new ChannelActionResult(false, true, "fake rate limit", ThrottleWait);
        return call <= ThrottlesBeforeSuccess + FailuresBeforeSuccess ? new ChannelActionResult(false, true, "fake outage") : null;
    }

    public Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken) => throw new NotSupportedException();
}
