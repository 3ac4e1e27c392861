namespace Overal.Channels.Abstractions;

/// <summary>
/// One channel's API behind one interface. Vendor DTOs and clients stay internal to the adapter's folder.
/// Adapters throttle themselves to the channel's contract (they see its headers) and never send a request
/// they know would be throttled; what they cannot do now they report back as <see cref="ItemOutcome.RetryLater"/>.
/// Calls for a capability the adapter lacks throw <see cref="NotSupportedException"/>.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>The hub's channel id: stores, webshop, bol, amazon, zalando, instagram, facebook, b2b.</summary>
    string ChannelId { get; }

    ChannelCapabilities Capabilities { get; }

    /// <summary>The most items one push call may carry (Shopify 250, Zalando 1000, bol 1, Meta 3000…).</summary>
    int MaxBatchSize { get; }

    /// <summary>Sets absolute sellable quantities. Returns when each item is confirmed by the channel or known to have failed.</summary>
    Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken);

    Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken);

    /// <summary>Reads the channel's own numbers back for reconciliation. Unknown SKUs are left out.</summary>
    Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);

    /// <summary>Orders created or changed since the cursor (null: the adapter's own default look-back).</summary>
    Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the hub has stored an order this adapter fetched (created now, or known from before): the place to
    /// tell the channel it was received (Zalando sets <c>merchant_order_id</c>). Never called before the order is stored;
    /// a failure here is retried on the next fetch, since the channel then still lists the order as not yet exported.
    /// </summary>
    Task OrderStoredAsync(ChannelOrder order, Guid hubOrderId, CancellationToken cancellationToken) => Task.CompletedTask;

    Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken);

    Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken);

    /// <summary>Tells the channel that shipped units came back. Few channel APIs have this, hence the default.</summary>
    Task<ChannelActionResult> ConfirmReturnAsync(ReturnConfirmation returned, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Channel '{ChannelId}' has no return call.");
}
