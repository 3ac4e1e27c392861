using Overal.Channels.Abstractions;

namespace Overal.Channels.B2B;

/// <summary>
/// The B2B wholesale channel. There is no external API yet: "publishing" writes the hub's numbers into the
/// <see cref="B2bAvailabilityStore"/> the future portal reads, so every write is confirmed at once and read-back
/// reads the same store. Wholesale orders will arrive through the portal itself, not through this adapter.
/// </summary>
public sealed class B2bAdapter(B2bAvailabilityStore store) : IChannelAdapter
{
    public string ChannelId => "b2b";

    public ChannelCapabilities Capabilities => ChannelCapabilities.PushStock | ChannelCapabilities.PushPrice | ChannelCapabilities.ReadBackStock;

    /// <summary>No transport limit; large enough that the dispatcher never splits a B2B batch for our sake.</summary>
    public int MaxBatchSize => 10_000;

    public Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[update.Sku] = update.Quantity < 0
                ? new ItemResult(update.Sku, ItemOutcome.Rejected, "quantity must be >= 0", null)
                : store.TryPublishAvailability(update.Sku, update.Quantity)
                    ? new ItemResult(update.Sku, ItemOutcome.Confirmed, null, update.Quantity)
                    : new ItemResult(update.Sku, ItemOutcome.Rejected, "not in the B2B assortment (no wholesale price-list entry)", null);
        }
        return Task.FromResult(new PushResult([.. results.Values], null, PublishCalls(updates.Count)));
    }

    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (update.Price < 0 || update.Currency.Length != 3)
            {
                results[update.Sku] = new ItemResult(update.Sku, ItemOutcome.Rejected, "price must be >= 0 with a three-letter currency", null);
                continue;
            }
            store.PublishPrice(update.Sku, update.Ean, update.Price, update.Currency.ToUpperInvariant());
            results[update.Sku] = new ItemResult(update.Sku, ItemOutcome.Confirmed, null, null);
        }
        return Task.FromResult(new PushResult([.. results.Values], null, PublishCalls(updates.Count)));
    }

    /// <summary>A push is one publish into the store, the B2B equivalent of one channel call.</summary>
    private static int PublishCalls(int items) => items > 0 ? 1 : 0;

    public Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChannelStockReading> readings =
            [.. skus.Distinct(StringComparer.Ordinal)
                .Select(store.Find)
                .Where(e => e?.Available is not null)
                .Select(e => new ChannelStockReading(e!.Sku, e.Available!.Value))];
        return Task.FromResult(readings);
    }

    public Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken) =>
        throw new NotSupportedException("B2B orders will come from the portal, not through a channel adapter.");

    public Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken) =>
        throw new NotSupportedException("B2B orders will come from the portal, not through a channel adapter.");

    public Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
        throw new NotSupportedException("B2B orders will come from the portal, not through a channel adapter.");
}
