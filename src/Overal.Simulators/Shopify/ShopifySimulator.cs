using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Overal.Simulators.Control;

namespace Overal.Simulators.Shopify;

/// <summary>
/// Shopify Admin GraphQL API stand-in: POST /shopify/admin/api/{version}/graphql.json with X-Shopify-Access-Token,
/// calculated-cost leaky bucket, inventorySetQuantities with the 2026-04 rules, orders and fulfillments.
/// Control surface (not Shopify's contract): POST /shopify/_sim/orders places an order as a shopper would.
/// Disposable because failed webhooks are retried in the background until disposal.
/// </summary>
public sealed partial class ShopifySimulator : IChannelSimulator, IDisposable, IAsyncDisposable
{
    internal const string InvalidTokenMessage = "[API] Invalid API key or access token (unrecognized login or wrong password)";

    private readonly Lock _gate = new();
    private readonly ShopifySimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly ShopifyCostBucket _bucket;
    private readonly List<long> _locations = [];
    private readonly Dictionary<string, ShopifyVariantRecord> _bySku = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ShopifyVariantRecord> _byInventoryItem = [];
    private readonly Dictionary<(long Item, long Location), int> _levels = [];
    private readonly Dictionary<string, JsonObject> _idempotentResults = new(StringComparer.Ordinal);
    private long _nextId = 1_000_000;
    private long _requests;
    private long _throttled;
    private long _mutationsApplied;

    public ShopifySimulator(IOptions<ShopifySimulatorOptions> options, TimeProvider time, ILogger<ShopifySimulator>? logger = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger ?? NullLogger<ShopifySimulator>.Instance;
        // Taken once: the source is disposed with the simulator, and an order placed after that must not throw.
        _stopping = _disposal.Token;
        _bucket = new ShopifyCostBucket(time, _options.MaximumAvailable, _options.RestoreRate);
        Faults = new FaultInjector(time);
        for (var i = 0; i < Math.Max(1, _options.LocationCount); i++) _locations.Add(NextId());
    }

    public string Name => "shopify";

    public FaultInjector Faults { get; }

    public ShopifySimulatorOptions Options => _options;

    /// <summary>GraphQL requests received (including rejected and throttled ones).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Requests answered with Throttled: the figure a well-behaved client keeps at zero.</summary>
    public long ThrottledCount => Interlocked.Read(ref _throttled);

    /// <summary>inventorySetQuantities calls that changed state (idempotent replays excluded).</summary>
    public long InventoryMutationsApplied => Interlocked.Read(ref _mutationsApplied);

    /// <summary>Location GIDs, the first being where seeded stock lives.</summary>
    public IReadOnlyList<string> LocationIds
    {
        get { lock (_gate) { return [.. _locations.Select(l => ShopifyGid.Location(l))]; } }
    }

    public string InventoryItemIdFor(string sku)
    {
        lock (_gate) { return ShopifyGid.InventoryItem(_bySku[sku].InventoryItemId); }
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/api/{version}/graphql.json", HandleGraphQlAsync);
        routes.MapPost("/_sim/orders", PlaceOrderFromRouteAsync);
        routes.MapGet("/_sim/fulfillments", () => TypedResults.Ok(Fulfillments()));
    }

    public void Seed(IReadOnlyList<SimulatedItem> items)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                if (!_bySku.TryGetValue(item.Sku, out var variant))
                {
                    variant = new ShopifyVariantRecord(NextId(), NextId(), NextId(), item.Sku, item.Title, item.Price);
                    _bySku[item.Sku] = variant;
                    _byInventoryItem[variant.InventoryItemId] = variant;
                    foreach (var location in _locations) _levels.TryAdd((variant.InventoryItemId, location), 0);
                }
                _levels[(variant.InventoryItemId, _locations[0])] = item.Quantity;
            }
        }
    }

    /// <summary>"available" at the first location, per SKU.</summary>
    public IReadOnlyDictionary<string, int> Quantities()
    {
        lock (_gate)
        {
            return _bySku.Values.ToDictionary(v => v.Sku, v => _levels[(v.InventoryItemId, _locations[0])]);
        }
    }

    public int QuantityAt(string sku, string locationGid)
    {
        lock (_gate) { return _levels[(_bySku[sku].InventoryItemId, ShopifyGid.Parse(locationGid))]; }
    }

    public void Corrupt(string sku, int quantity)
    {
        lock (_gate)
        {
            if (_bySku.TryGetValue(sku, out var v)) _levels[(v.InventoryItemId, _locations[0])] = quantity;
        }
    }

    private long NextId() => Interlocked.Increment(ref _nextId);
}

internal sealed record ShopifyVariantRecord(long ProductId, long VariantId, long InventoryItemId, string Sku, string Title, decimal Price);
