using Microsoft.Extensions.Options;
using Overal.Simulators.Control;

namespace Overal.Simulators.Lightspeed;

/// <summary>
/// Lightspeed Retail X-Series stand-in acting as the stores' POS. Sales rung up through POST /lightspeed/_sim/sales
/// (or <see cref="RingUpSaleAsync"/>) are delivered as sale.update and inventory.update webhooks, form-encoded and
/// signed; delivery can be made to fail (<see cref="DropNextWebhooks"/>), so the hub polls
/// GET /lightspeed/api/2.0/search?type=sales or /lightspeed/api/2.0/sales?after={version} as a safety net,
/// under the X-Series rate limit. Seeded stock lives at the first outlet; <see cref="Quantities"/> sums all outlets.
/// </summary>
public sealed partial class LightspeedSimulator : IChannelSimulator
{
    private readonly Lock _gate = new();
    private readonly LightspeedSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, string> _outlets;
    private readonly List<string> _outletIds;
    private readonly Dictionary<string, string> _registerByOutlet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LightspeedProductRecord> _bySku = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ProductId, string OutletId), int> _inventory = [];
    private readonly List<LightspeedSaleRecord> _sales = [];
    private long _version = 100_000;
    private int _invoice;
    private int _dropWebhooks;
    private long _delivered;
    private long _dropped;

    public LightspeedSimulator(IOptions<LightspeedSimulatorOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _outlets = _options.Outlets.Count > 0 ? _options.Outlets : LightspeedSimulatorOptions.DefaultOutlets;
        _outletIds = [.. _outlets.Keys];
        foreach (var outlet in _outletIds) _registerByOutlet[outlet] = Guid.CreateVersion7().ToString();
        Faults = new FaultInjector(time);
        _rateWindowStart = time.GetUtcNow();
    }

    public string Name => "lightspeed";

    public FaultInjector Faults { get; }

    public LightspeedSimulatorOptions Options => _options;

    /// <summary>Outlet id → store name.</summary>
    public IReadOnlyDictionary<string, string> Outlets => _outlets;

    public long WebhooksDelivered => Interlocked.Read(ref _delivered);

    public long WebhooksDropped => Interlocked.Read(ref _dropped);

    /// <summary>The next <paramref name="count"/> webhook deliveries are lost (X-Series does not guarantee delivery).</summary>
    public void DropNextWebhooks(int count)
    {
        lock (_gate) { _dropWebhooks = count; }
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        MapApi(routes.MapGroup("/api/2.0"));
        routes.MapPost("/_sim/sales", RingUpFromRouteAsync);
        routes.MapPost("/_sim/counts", CountFromRouteAsync);
        routes.MapPost("/_sim/faults/drop-webhooks", (int count) =>
        {
            DropNextWebhooks(count);
            return TypedResults.NoContent();
        });
    }

    public void Seed(IReadOnlyList<SimulatedItem> items)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                if (!_bySku.TryGetValue(item.Sku, out var product))
                {
                    // Store prices include 21% VAT; X-Series keeps prices excluding tax.
                    product = new LightspeedProductRecord(Guid.CreateVersion7().ToString(), item.Sku, item.Title, Math.Round(item.Price / 1.21m, 2), 0.21m);
                    _bySku[item.Sku] = product;
                    foreach (var outlet in _outletIds) _inventory[(product.Id, outlet)] = 0;
                }
                _inventory[(product.Id, _outletIds[0])] = item.Quantity;
            }
        }
    }

    public IReadOnlyDictionary<string, int> Quantities()
    {
        lock (_gate)
        {
            return _bySku.Values.ToDictionary(p => p.Sku, p => _outletIds.Sum(o => _inventory[(p.Id, o)]));
        }
    }

    public int QuantityAt(string outletId, string sku)
    {
        lock (_gate) { return _inventory[(_bySku[sku].Id, outletId)]; }
    }

    /// <summary>Sets the first outlet to the quantity and every other outlet to zero, behind the hub's back.</summary>
    public void Corrupt(string sku, int quantity)
    {
        lock (_gate)
        {
            if (!_bySku.TryGetValue(sku, out var product)) return;
            foreach (var outlet in _outletIds) _inventory[(product.Id, outlet)] = 0;
            _inventory[(product.Id, _outletIds[0])] = quantity;
        }
    }

    /// <summary>Sets one outlet's stock without a webhook (loading the store's opening stock, as an import would).</summary>
    public void SetOutletStock(string outlet, string sku, int quantity)
    {
        lock (_gate)
        {
            if (_bySku.TryGetValue(sku, out var product)) _inventory[(product.Id, ResolveOutlet(outlet))] = quantity;
        }
    }

    private string ResolveOutlet(string outlet)
    {
        if (_outlets.ContainsKey(outlet)) return outlet;
        var byName = _outlets.FirstOrDefault(o => string.Equals(o.Value, outlet, StringComparison.OrdinalIgnoreCase));
        return byName.Key ?? throw new ArgumentException($"Unknown outlet {outlet}.");
    }
}
