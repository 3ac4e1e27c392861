using Overal.Channels.Abstractions;

namespace Overal.Channels.Meta;

/// <summary>
/// One Meta Commerce catalog: the Instagram shop and the Facebook shop are two instances of this class, each with
/// its own catalog id and its own call budget (<see cref="MetaCallBudget"/> explains the pacing). Stock and price go
/// through items_batch (retailer_id = SKU, UPDATE without upsert so an unknown SKU is rejected rather than created
/// half-empty); a push returns once check_batch_request_status reports the batch finished. Orders are not in our Meta
/// contract: order calls throw <see cref="NotSupportedException"/>.
/// </summary>
public sealed partial class MetaCatalogAdapter : IChannelAdapter
{
    private readonly IHttpClientFactory _httpClients;
    private readonly string _httpClientName;
    private readonly MetaCatalogOptions _options;
    private readonly TimeProvider _time;
    private readonly MetaCallBudget _budget;

    public MetaCatalogAdapter(string channelId, IHttpClientFactory httpClients, MetaCatalogOptions options, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(options.CatalogId)) throw new InvalidOperationException($"Channels:Meta:{channelId}:CatalogId is required.");
        ChannelId = channelId;
        _httpClients = httpClients;
        _httpClientName = HttpClientNameFor(channelId);
        _options = options;
        _time = time;
        _budget = new MetaCallBudget(options.CallsPerWindow, options.BurstCalls, options.CallWindow, time);
    }

    /// <summary>instagram or facebook.</summary>
    public string ChannelId { get; }

    public ChannelCapabilities Capabilities => ChannelCapabilities.PushStock | ChannelCapabilities.PushPrice | ChannelCapabilities.ReadBackStock;

    public int MaxBatchSize => _options.MaxBatchSize;

    public static string HttpClientNameFor(string channelId) => "Overal.Channels.Meta." + channelId;

    public Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken)
    {
        var items = new List<(string Sku, MetaGraph.ItemData? Data, int? Quantity, string? Refusal)>();
        foreach (var update in updates.GroupBy(u => u.Sku, StringComparer.Ordinal).Select(g => g.Last()))
        {
            items.Add(update.Quantity < 0
                ? (update.Sku, null, null, "quantity must be >= 0")
                : (update.Sku, MetaGraph.Stock(update.Sku, update.Quantity), update.Quantity, null));
        }
        return PushAsync(items, cancellationToken);
    }

    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken)
    {
        var items = new List<(string Sku, MetaGraph.ItemData? Data, int? Quantity, string? Refusal)>();
        foreach (var update in updates.GroupBy(u => u.Sku, StringComparer.Ordinal).Select(g => g.Last()))
        {
            items.Add(update.Price < 0 || update.Currency.Length != 3
                ? (update.Sku, null, null, "price must be >= 0 with a three-letter currency")
                : (update.Sku, MetaGraph.Price(update.Sku, update.Price, update.Currency), null, null));
        }
        return PushAsync(items, cancellationToken);
    }

    public Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Meta orders are not part of the Overal contract.");

    public Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Meta orders are not part of the Overal contract.");

    public Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Meta orders are not part of the Overal contract.");
}
