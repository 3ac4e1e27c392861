using Overal.Channels.Abstractions;

namespace Overal.Channels.Lightspeed;

/// <summary>
/// The stores' POS (Lightspeed X-Series) as channel "stores". It is an inbound channel: the hub does not push stock or
/// prices to the tills, and till sales are not orders to allocate and ship but stock movements that already happened.
/// So the adapter declares only <see cref="ChannelCapabilities.ReceiveWebhooks"/>; sales arrive through
/// <see cref="LightspeedWebhookVerifier"/> + <see cref="LightspeedWebhookParser"/>, with <see cref="LightspeedSalesPoller"/>
/// as the safety net for lost webhooks. Every other member throws <see cref="NotSupportedException"/>.
/// </summary>
public sealed class LightspeedAdapter : IChannelAdapter
{
    public string ChannelId => "stores";

    public ChannelCapabilities Capabilities => ChannelCapabilities.ReceiveWebhooks;

    public int MaxBatchSize => 1;

    public Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The POS holds each store's own count; the hub does not push stock to it.");

    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Price sync to the POS is not implemented.");

    public Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Store counts arrive as inventory.update webhooks.");

    public Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Till sales are stock movements, not orders: use LightspeedSalesPoller.");

    public Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Till sales are not shipped.");

    public Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Till sales are not cancelled through the hub.");
}
