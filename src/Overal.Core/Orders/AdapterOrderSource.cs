using Overal.Channels.Abstractions;

namespace Overal.Core.Orders;

/// <summary>Polls an adapter that can import orders: <c>services.AddSingleton&lt;IOrderSource&gt;(sp =&gt; new AdapterOrderSource(adapter))</c>.</summary>
public sealed class AdapterOrderSource(IChannelAdapter adapter) : IOrderSource
{
    public string ChannelId => adapter.ChannelId;

    public Task<ChannelOrderPage> FetchAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken) =>
        adapter.FetchOrdersAsync(cursor, cancellationToken);

    public Task OrderStoredAsync(ChannelOrder order, Guid hubOrderId, CancellationToken cancellationToken) =>
        adapter.OrderStoredAsync(order, hubOrderId, cancellationToken);
}
