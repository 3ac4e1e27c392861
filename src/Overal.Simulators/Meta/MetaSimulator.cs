using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Overal.Simulators.Control;

namespace Overal.Simulators.Meta;

/// <summary>
/// Meta Commerce catalogs (the Instagram and the Facebook shop catalog) behind the Graph API, written from
/// channel-contracts.md §6: items_batch with asynchronous processing and check_batch_request_status, the per-catalog
/// limit on batch calls (error 80014), OAuthException error bodies and the X-Business-Use-Case-Usage header.
/// Orders are not simulated: Meta checkout is not part of our contract.
/// </summary>
public sealed partial class MetaSimulator : IChannelSimulator
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, MetaSimCatalog> _catalogs;
    private int _rateLimited;

    public MetaSimulator(IOptions<MetaSimulatorOptions> options, TimeProvider time)
    {
        Options = options.Value;
        _time = time;
        Faults = new FaultInjector(time);
        _catalogs = Options.Catalogs.ToDictionary(c => c.Value, c => new MetaSimCatalog(c.Key, c.Value), StringComparer.Ordinal);
    }

    public string Name => "meta";

    public MetaSimulatorOptions Options { get; }

    public FaultInjector Faults { get; }

    /// <summary>80014 answers caused by the real call limit (not by an injected fault), over all catalogs.</summary>
    public int RateLimitedCalls => Volatile.Read(ref _rateLimited);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{version}/{catalogId}/items_batch", ItemsBatchAsync);
        routes.MapGet("/{version}/{catalogId}/check_batch_request_status", CheckBatchStatusAsync);
        routes.MapGet("/{version}/{catalogId}/products", ProductsAsync);
    }

    /// <summary>Lists the items in every catalog.</summary>
    public void Seed(IReadOnlyList<SimulatedItem> items)
    {
        lock (_gate)
        {
            foreach (var catalog in _catalogs.Values)
            {
                foreach (var item in items)
                {
                    var product = new MetaSimProduct((7_000_000_000_000_000 + catalog.Products.Count + 1).ToString(CultureInfo.InvariantCulture), item.Sku)
                    {
                        Title = item.Title,
                        Inventory = item.Quantity,
                        Availability = item.Quantity > 0 ? "in stock" : "out of stock",
                        Price = item.Price.ToString("0.00", CultureInfo.InvariantCulture) + " EUR",
                    };
                    catalog.Products[item.Sku] = product;
                }
            }
        }
    }

    /// <summary>Inventory per retailer_id in the first configured catalog; <see cref="Catalog"/> gives the others.</summary>
    public IReadOnlyDictionary<string, int> Quantities() => Catalog(Options.Catalogs.Values.First()).Quantities();

    /// <summary>Sets the inventory in every catalog.</summary>
    public void Corrupt(string sku, int quantity)
    {
        foreach (var id in Options.Catalogs.Values) Catalog(id).Corrupt(sku, quantity);
    }

    /// <summary>One catalog seen as a channel of its own (for the instagram and facebook adapter fixtures).</summary>
    public IChannelSimulator Catalog(string catalogIdOrName)
    {
        var id = Options.Catalogs.TryGetValue(catalogIdOrName, out var byName) ? byName : catalogIdOrName;
        if (!_catalogs.ContainsKey(id)) throw new ArgumentException($"no catalog {catalogIdOrName}", nameof(catalogIdOrName));
        return new MetaCatalogView(this, id);
    }

    /// <summary>items_batch calls the limit let through for this catalog so far.</summary>
    public int BatchCalls(string catalogId)
    {
        lock (_gate) { return _catalogs[catalogId].Calls.Count; }
    }

    /// <summary>The most items_batch calls this catalog received inside any one limit window.</summary>
    public int MaxBatchCallsInAnyWindow(string catalogId)
    {
        lock (_gate) { return _catalogs[catalogId].MaxCallsInAnyWindow(Options.BatchCallWindow); }
    }

    /// <summary>The price a catalog shows for a retailer id ("12.95 EUR"), or null when it has no such product.</summary>
    public string? PriceOf(string catalogId, string retailerId)
    {
        lock (_gate)
        {
            var catalog = _catalogs[catalogId];
            catalog.ApplyDue(_time.GetUtcNow());
            return catalog.Products.TryGetValue(retailerId, out var product) ? product.Price : null;
        }
    }

    internal IReadOnlyDictionary<string, int> QuantitiesOf(string catalogId)
    {
        lock (_gate)
        {
            var catalog = _catalogs[catalogId];
            catalog.ApplyDue(_time.GetUtcNow());
            return catalog.Products.Values.ToDictionary(p => p.RetailerId, p => p.Inventory ?? (p.Availability == "in stock" ? 1 : 0));
        }
    }

    internal void CorruptIn(string catalogId, string sku, int quantity)
    {
        lock (_gate)
        {
            var catalog = _catalogs[catalogId];
            catalog.ApplyDue(_time.GetUtcNow());
            if (!catalog.Products.TryGetValue(sku, out var product)) return;
            product.Inventory = quantity;
            product.Availability = quantity > 0 ? "in stock" : "out of stock";
        }
    }

    private static string? TokenOf(HttpContext context, string? fromBody)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        if (header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase)) return header["OAuth ".Length..].Trim();
        var query = context.Request.Query["access_token"].ToString();
        return query.Length > 0 ? query : fromBody;
    }

    /// <summary>Checks the token and the catalog; null when both are fine.</summary>
    private IResult? Refuse(HttpContext context, string catalogId, string? tokenInBody)
    {
        // The slim host has no regex route constraints, so the Graph version is checked here.
        var version = context.Request.RouteValues["version"] as string ?? "";
        if (!GraphVersion().IsMatch(version)) return MetaErrors.Error(400, $"Unknown path components: /{version}", "OAuthException", 2500);
        var token = TokenOf(context, tokenInBody);
        if (string.IsNullOrEmpty(token)) return MetaErrors.MissingToken();
        if (token != Options.AccessToken) return MetaErrors.InvalidToken();
        return _catalogs.ContainsKey(catalogId) ? null : MetaErrors.UnknownObject(catalogId);
    }

    private async Task<IResult?> FaultAsync(bool batchCall, CancellationToken cancellationToken)
    {
        var decision = Faults.Next();
        if (decision.LatencyMs > 0) await Task.Delay(decision.LatencyMs, cancellationToken);
        return decision.Kind switch
        {
            FaultKind.Throttle when batchCall => MetaErrors.Error(400, MetaErrors.TooManyCatalogCalls, "OAuthException", 80014, transient: true),
            FaultKind.Throttle => MetaErrors.Error(400, "(#4) Application request limit reached", "OAuthException", 4, transient: true),
            FaultKind.ServerError => MetaErrors.Error(500, "An unknown error has occurred.", "OAuthException", 1, transient: true),
            FaultKind.Outage => MetaErrors.Error(503, "Service temporarily unavailable", "OAuthException", 2, transient: true),
            _ => null,
        };
    }

    /// <summary>X-Business-Use-Case-Usage: the catalog's share of its batch-call budget, in percent, and minutes until access returns.</summary>
    private void WriteUsage(HttpContext context, MetaSimCatalog? catalog, int? regainMinutes = null)
    {
        var now = _time.GetUtcNow();
        var used = catalog?.CallsSince(now - Options.BatchCallWindow) ?? 0;
        var percent = Math.Min(100, used * 100 / Math.Max(1, Options.BatchCallsPerWindow));
        var regain = regainMinutes ?? 0;
        if (regainMinutes is null && catalog is not null && used >= Options.BatchCallsPerWindow)
        {
            var oldest = catalog.Calls[^used];
            regain = (int)Math.Ceiling((oldest + Options.BatchCallWindow - now).TotalMinutes);
        }
        var usage = new Dictionary<string, object[]>
        {
            [Options.BusinessId] = [new { type = "catalog_batch", call_count = percent, total_cputime = 0, total_time = 0, estimated_time_to_regain_access = regain }],
        };
        context.Response.Headers["X-Business-Use-Case-Usage"] = JsonSerializer.Serialize(usage, Json);
        context.Response.Headers["X-App-Usage"] = """{"call_count":0,"total_cputime":0,"total_time":0}""";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial System.Text.RegularExpressions.Regex GraphVersion();

    private void CountRateLimited() => Interlocked.Increment(ref _rateLimited);
}
