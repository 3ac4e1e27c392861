using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Overal.Simulators.Control;
using Overal.Simulators.Specs;

namespace Overal.Simulators.Bol;

/// <summary>
/// bol Retailer API v10 stand-in (channel-contracts.md §2): OAuth2 client credentials, the v10 media type, queued
/// (202 + process status) writes, orders, per-group rate limits, every request validated against the official
/// OpenAPI documents (retailer-v10.json, shared-v10.json).
/// </summary>
public sealed partial class BolSimulator : IChannelSimulator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BolOffer> _offers = [];
    private readonly Dictionary<string, BolOrder> _orders = [];
    private readonly Dictionary<string, BolProcess> _processes = [];
    private readonly Dictionary<string, string> _exports = [];
    private int _offerExportsRequested;
    private readonly Dictionary<string, DateTimeOffset> _tokens = [];
    private readonly List<DateTimeOffset> _tokenRequests = [];
    private readonly BolRateLimiter _limiter;
    private readonly TimeProvider _time;
    private long _sequence = 1_000_000;

    public BolSimulator(IOptions<BolSimulatorOptions> options, TimeProvider time, ILogger<BolSimulator> logger)
    {
        Options = options.Value;
        _time = time;
        _limiter = new BolRateLimiter(time);
        Faults = new FaultInjector(time);
        Validator = new RequestValidator("bol", Options.SpecsDirectory,
            new Dictionary<string, string> { ["/retailer"] = "bol/retailer-v10.json", ["/shared"] = "bol/shared-v10.json" },
            new Dictionary<string, string>(), logger);
    }

    public string Name => "bol";

    public BolSimulatorOptions Options { get; }

    public FaultInjector Faults { get; }

    /// <summary>The spec gate, with every violation any client sent.</summary>
    public RequestValidator Validator { get; }

    /// <summary>How many token requests were made (tests check that adapters reuse tokens).</summary>
    public int TokenRequestCount { get { lock (_gate) return _tokenRequests.Count; } }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/token", (HttpContext c, CancellationToken ct) => Token(c, ct));
        routes.MapPut("/retailer/offers/{offerId}/stock", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.Offers, UpdateStock, ct));
        routes.MapPut("/retailer/offers/{offerId}/price", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.Offers, UpdatePrice, ct));
        routes.MapGet("/retailer/offers/{offerId}", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.Offers, GetOffer, ct));
        routes.MapPost("/retailer/offers/export", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.Offers, CreateExport, ct));
        routes.MapGet("/retailer/offers/export/{reportId}", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.Offers, GetExport, ct));
        routes.MapGet("/retailer/orders", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.OrdersList, ListOrders, ct));
        routes.MapGet("/retailer/orders/{orderId}", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.OrderDetail, GetOrder, ct));
        routes.MapPut("/retailer/orders/cancellation", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.OrdersWrite, CancelItems, ct));
        routes.MapPost("/retailer/shipments", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.OrdersWrite, CreateShipment, ct));
        routes.MapGet("/shared/process-status/{id}", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.ProcessStatus, GetProcessStatus, ct));
        routes.MapPost("/shared/process-status", (HttpContext c, CancellationToken ct) => Api(c, BolRateGroups.ProcessStatus, GetProcessStatuses, ct));
        // Not part of bol's contract: places an order as a shopper would (tests, demo traffic).
        routes.MapPost("/_sim/orders", (HttpContext c, CancellationToken ct) => PlaceOrder(c, ct));
    }

    public void Seed(IReadOnlyList<SimulatedItem> items)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                var existing = _offers.Values.FirstOrDefault(o => o.Reference == item.Sku);
                if (existing is not null) _offers.Remove(existing.OfferId);
                var offer = new BolOffer
                {
                    OfferId = Guid.CreateVersion7().ToString(), Ean = item.Ean, Reference = item.Sku, Title = item.Title,
                    Price = item.Price, Amount = Math.Clamp(item.Quantity, 0, 999), ManagedByRetailer = true,
                    LastStockUpdate = _time.GetUtcNow(),
                };
                _offers[offer.OfferId] = offer;
            }
        }
    }

    public IReadOnlyDictionary<string, int> Quantities()
    {
        lock (_gate)
        {
            Settle();
            return _offers.Values.ToDictionary(o => o.Reference, o => o.Amount);
        }
    }

    public void Corrupt(string sku, int quantity)
    {
        lock (_gate)
        {
            foreach (var offer in _offers.Values.Where(o => o.Reference == sku)) offer.Amount = quantity;
        }
    }

    /// <summary>Removes the offer as if the retailer deleted it in the bol seller portal (later updates to it FAIL).</summary>
    public void Delist(string sku)
    {
        lock (_gate)
        {
            foreach (var offer in _offers.Values.Where(o => o.Reference == sku).ToList()) _offers.Remove(offer.OfferId);
        }
    }

    /// <summary>The unit price bol shows for the offer with this reference.</summary>
    public decimal? PriceOf(string sku)
    {
        lock (_gate)
        {
            Settle();
            return _offers.Values.FirstOrDefault(o => o.Reference == sku)?.Price;
        }
    }

    /// <summary>Sets the offer's condition comment, as a retailer types it in the seller portal.</summary>
    public void SetConditionComment(string sku, string comment)
    {
        lock (_gate)
        {
            foreach (var offer in _offers.Values.Where(o => o.Reference == sku)) offer.ConditionComment = comment;
        }
    }

    /// <summary>Offer exports requested so far (<c>POST /retailer/offers/export</c>).</summary>
    public int OfferExportsRequested { get { lock (_gate) return _offerExportsRequested; } }

    /// <summary>The offer id bol gave the listing with this reference (tests).</summary>
    public string? OfferIdFor(string sku)
    {
        lock (_gate) return _offers.Values.FirstOrDefault(o => o.Reference == sku)?.OfferId;
    }

    private async Task<IResult> Token(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _tokenRequests.RemoveAll(t => now - t > TimeSpan.FromMinutes(1));
            _tokenRequests.Add(now);
            if (_tokenRequests.Count > Options.TokenRequestsPerMinute)
            {
                context.Response.Headers.RetryAfter = "60";
                return Results.Json(new { error = "too_many_requests", error_description = "Too many token requests." }, statusCode: 429);
            }
        }
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.ClientId}:{Options.ClientSecret}"));
        if (request.Headers.Authorization.ToString() != expected)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Bad client credentials" }, statusCode: 401);
        }
        var grant = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken))["grant_type"].ToString() : "";
        if (grant != "client_credentials")
        {
            return Results.Json(new { error = "unsupported_grant_type", error_description = "Only client_credentials is supported." }, statusCode: 400);
        }
        var token = Convert.ToBase64String(Guid.CreateVersion7().ToByteArray()) + "." + Guid.NewGuid().ToString("N");
        lock (_gate) _tokens[token] = now.AddSeconds(Options.TokenLifetimeSeconds);
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = Options.TokenLifetimeSeconds, scope = "RETAILER" });
    }

    private async Task<IResult> Api(HttpContext context, string group, Func<BolCall, IResult> handler, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var fault = Faults.Next();
        if (fault.LatencyMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), _time, cancellationToken);

        var auth = request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        lock (_gate)
        {
            if (token is null || !_tokens.TryGetValue(token, out var expires) || expires <= _time.GetUtcNow())
            {
                return BolProblems.Create(request, 401, "Unauthorized", "Missing, invalid or expired access token.");
            }
        }
        switch (fault.Kind)
        {
            case FaultKind.Outage:
                return BolProblems.Create(request, 503, "Service Unavailable", "The service is temporarily unavailable.");
            case FaultKind.ServerError:
                return BolProblems.Create(request, 500, "Internal Server Error", "Something went wrong on our side.");
            case FaultKind.Throttle:
                context.Response.Headers.RetryAfter = Options.ThrottleRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return BolProblems.Create(request, 429, "Too Many Requests", "Too many requests, retry later.");
        }

        var limit = Options.RateLimits.TryGetValue(group, out var l) ? l : new BolRateLimit(int.MaxValue, TimeSpan.FromSeconds(1));
        var decision = _limiter.Take(group, limit);
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            headers.RetryAfter = decision.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return BolProblems.Create(request, 429, "Too Many Requests", $"Rate limit for {group} exceeded, retry in {decision.ResetSeconds} s.");
        }

        var body = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
        var path = request.Path.Value!;
        var specPath = path[(path.IndexOf("/bol/", StringComparison.Ordinal) + 4)..];
        var violations = Validator.Validate(request, specPath, body);
        if (violations.Count > 0) return BolProblems.Invalid(request, violations);

        JsonNode? json = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(body)) json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return BolProblems.Create(request, 400, "Bad Request", "Request body is not valid JSON.");
        }
        var baseUrl = $"{request.Scheme}://{request.Host}{path[..(path.IndexOf("/bol/", StringComparison.Ordinal) + 4)]}";
        lock (_gate)
        {
            Settle();
            return handler(new BolCall(context, json, baseUrl));
        }
    }

    /// <summary>Finishes every queued call whose processing time has passed (under the lock).</summary>
    private void Settle()
    {
        var now = _time.GetUtcNow();
        foreach (var process in _processes.Values.Where(p => p.Status == "PENDING" && p.DueAt <= now).OrderBy(p => p.CreatedAt))
        {
            var error = process.Complete();
            process.Status = error is null ? "SUCCESS" : "FAILURE";
            process.ErrorMessage = error;
        }
    }

    private string NextId() => (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private BolProcess Queue(string eventType, string entityId, string description, Func<string?> complete, TimeSpan? delay = null)
    {
        var now = _time.GetUtcNow();
        var processing = delay ?? Options.ProcessingDelay;
        var process = new BolProcess
        {
            Id = NextId(), EntityId = entityId, EventType = eventType, Description = description,
            CreatedAt = now, DueAt = now + processing, Complete = complete,
        };
        _processes[process.Id] = process;
        if (processing <= TimeSpan.Zero) Settle();
        return process;
    }

    private static IResult Json(JsonNode body, int status = 200) => Results.Content(body.ToJsonString(), BolProblems.MediaType, statusCode: status);

    private static IResult Accepted(BolCall call, BolProcess process) => Json(process.ToJson(call.BaseUrl), 202);

    /// <summary>One validated API call: its context, parsed JSON body and the simulator's base URL.</summary>
    private sealed record BolCall(HttpContext Context, JsonNode? Body, string BaseUrl)
    {
        public string Route(string name) => Context.Request.RouteValues[name]?.ToString() ?? "";

        public HttpRequest Request => Context.Request;
    }
}
