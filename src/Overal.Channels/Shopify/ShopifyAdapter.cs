using System.Collections.Concurrent;
using Overal.Channels.Abstractions;
using Overal.Channels.Shopify.Internal;

namespace Overal.Channels.Shopify;

/// <summary>
/// The webshop on Shopify, through the Admin GraphQL API. Stock is set with inventorySetQuantities ("available" at
/// <see cref="ShopifyOptions.LocationId"/>) using compare-and-swap and an idempotency key; the adapter paces itself
/// by the calculated-cost bucket Shopify reports on every response. Orders are not polled: Shopify pushes them as
/// orders/create webhooks, which the hub checks with <see cref="ShopifyWebhookVerifier"/> and reads with
/// <see cref="ShopifyOrderWebhookParser"/>. Shipments are confirmed with fulfillmentCreate.
/// </summary>
public sealed partial class ShopifyAdapter : IChannelAdapter
{
    private readonly ShopifyGraphQlClient _client;

    // SKU → gid://shopify/InventoryItem/N. Shopify ids never change for a variant, so the cache is only
    // emptied for a SKU when Shopify says the item no longer exists.
    private readonly ConcurrentDictionary<string, string> _inventoryItems = new(StringComparer.Ordinal);

    internal ShopifyAdapter(ShopifyGraphQlClient client) => _client = client;

    public string ChannelId => "webshop";

    public ChannelCapabilities Capabilities =>
        ChannelCapabilities.PushStock | ChannelCapabilities.ReadBackStock | ChannelCapabilities.ConfirmShipment | ChannelCapabilities.ReceiveWebhooks;

    /// <summary>Shopify's cap on input arrays; the adapter splits further when the cost bucket is smaller than a full batch costs.</summary>
    public int MaxBatchSize => 250;

    private ShopifyOptions Options => _client.Options;

    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Price sync to Shopify is not implemented yet.");

    public Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Shopify orders arrive as orders/create webhooks; see ShopifyOrderWebhookParser.");

    public Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Cancelling Shopify orders is not implemented yet.");
}
