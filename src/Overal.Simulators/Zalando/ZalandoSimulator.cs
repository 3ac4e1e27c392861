using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Overal.Simulators.Control;

namespace Overal.Simulators.Zalando;

/// <summary>
/// zDirect (Zalando partner fulfilment) as a local stand-in, written from channel-contracts.md §4: client-credentials
/// auth with its token-request limit, EAN-keyed stock per sales channel with both rate limits, and the JSON:API
/// order flow. Where the contract leaves a shape open (PATCH bodies, per-item failure codes) the choices are
/// documented beside the handler and kept JSON:API-conformant.
/// </summary>
public sealed partial class ZalandoSimulator : IChannelSimulator
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _skuByEan = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _eanBySku = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _priceByEan = new(StringComparer.Ordinal);
    private readonly Dictionary<(string SalesChannelId, string Ean), int> _stock = [];
    private readonly RateWindow _tokenWindow;
    private readonly RateWindow _requestWindow;
    private readonly RateWindow _updateWindow;
    private int _throttled;
    private int _stockRequests;
    private int _largestBatch;
    private int _tokenRequests;

    public ZalandoSimulator(IOptions<ZalandoSimulatorOptions> options, TimeProvider time)
    {
        Options = options.Value;
        _time = time;
        Faults = new FaultInjector(time);
        _tokenWindow = new RateWindow(RateWindowKind.Sliding, Options.TokenWindow, Options.TokenRequestsPerWindow);
        _requestWindow = new RateWindow(Options.RateWindowKind, Options.RateWindow, Options.StockRequestsPerWindow);
        _updateWindow = new RateWindow(Options.RateWindowKind, Options.RateWindow, Options.StockUpdatesPerWindow);
    }

    public string Name => "zalando";

    public ZalandoSimulatorOptions Options { get; }

    public FaultInjector Faults { get; }

    /// <summary>429s answered because a real limit (not an injected fault) was exceeded.</summary>
    public int ThrottledByLimits => Volatile.Read(ref _throttled);

    /// <summary>Stock requests accepted (200).</summary>
    public int StockRequests => Volatile.Read(ref _stockRequests);

    /// <summary>The most items one stock request carried, accepted or not.</summary>
    public int LargestBatchSeen => Volatile.Read(ref _largestBatch);

    /// <summary>Token requests received, granted or not.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/auth/token", IssueTokenAsync);
        routes.MapPost("/merchants/{merchantId}/stocks", PostStocksAsync);
        routes.MapGet("/merchants/{merchantId}/orders", GetOrdersAsync);
        routes.MapGet("/merchants/{merchantId}/orders/{orderId}", GetOrderAsync);
        routes.MapPatch("/merchants/{merchantId}/orders/{orderId}", PatchOrderAsync);
        routes.MapPatch("/merchants/{merchantId}/orders/{orderId}/items/{itemId}/lines/{lineId}", PatchOrderLineAsync);
        // Not part of zDirect: places an order as a Zalando shopper would (tests and demo traffic).
        routes.MapPost("/_sim/orders", PlaceOrderAsync);
    }

    public void Seed(IReadOnlyList<SimulatedItem> items)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                _skuByEan[item.Ean] = item.Sku;
                _eanBySku[item.Sku] = item.Ean;
                _priceByEan[item.Ean] = item.Price;
                foreach (var salesChannel in Options.SalesChannels.Values)
                {
                    _stock[(salesChannel, item.Ean)] = item.Quantity;
                }
            }
        }
    }

    /// <summary>Per SKU, the quantity on the first configured sales channel (the adapter keeps them all equal).</summary>
    public IReadOnlyDictionary<string, int> Quantities()
    {
        var first = Options.SalesChannels.Values.First();
        lock (_gate)
        {
            return _stock.Where(s => s.Key.SalesChannelId == first && _skuByEan.ContainsKey(s.Key.Ean))
                .ToDictionary(s => _skuByEan[s.Key.Ean], s => s.Value);
        }
    }

    /// <summary>The quantity one sales channel shows for an EAN, or null when not listed there.</summary>
    public int? Quantity(string salesChannelId, string ean)
    {
        lock (_gate)
        {
            return _stock.TryGetValue((salesChannelId, ean), out var q) ? q : null;
        }
    }

    /// <summary>Sets the SKU's quantity on every sales channel.</summary>
    public void Corrupt(string sku, int quantity)
    {
        lock (_gate)
        {
            if (!_eanBySku.TryGetValue(sku, out var ean)) return;
            foreach (var salesChannel in Options.SalesChannels.Values)
            {
                _stock[(salesChannel, ean)] = quantity;
            }
        }
    }

    private bool IsAuthorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return false;
        return _tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var expires) && expires > _time.GetUtcNow();
    }

    /// <summary>Applies the injected fault, if any; returns the response to send instead of the real one.</summary>
    private async Task<IResult?> FaultAsync(bool jsonApi, CancellationToken cancellationToken)
    {
        var decision = Faults.Next();
        if (decision.LatencyMs > 0) await Task.Delay(decision.LatencyMs, cancellationToken);
        return decision.Kind switch
        {
            FaultKind.Throttle => TooManyRequests(Options.FaultRetryAfterSeconds, Options.StockRequestsPerWindow, "injected throttle", jsonApi),
            FaultKind.ServerError => ZalandoErrors.Problem(500, "Internal Server Error", "injected server error", jsonApi),
            FaultKind.Outage => ZalandoErrors.Problem(503, "Service Unavailable", "injected outage", jsonApi),
            _ => null,
        };
    }

    private static IResult TooManyRequests(int retryAfterSeconds, int limit, string detail, bool jsonApi) =>
        new HeaderResult(
            ZalandoErrors.Problem(429, "Too Many Requests", detail, jsonApi),
            ("Retry-After", Math.Max(1, retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("X-Rate-Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private void CountThrottled() => Interlocked.Increment(ref _throttled);
}
