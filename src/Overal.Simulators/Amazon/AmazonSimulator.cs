using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Overal.Simulators.Control;
using Overal.Simulators.Specs;

namespace Overal.Simulators.Amazon;

/// <summary>
/// Amazon Selling Partner API stand-in (channel-contracts.md §3): LWA refresh-token auth with x-amz-access-token,
/// Listings Items 2021-08-01, JSON_LISTINGS_FEED through the Feeds API, Orders v0, token buckets per operation
/// with x-amzn-RateLimit-Limit on every response, and every request validated against the official Swagger models
/// (listings feed documents against listings-feed-schema-v2.json; POST_ORDER_ACKNOWLEDGEMENT_DATA against the
/// release_4_1 XSDs). Feeds take minutes on the simulator's clock and their processing reports come back GZIP-compressed.
/// </summary>
public sealed partial class AmazonSimulator : IChannelSimulator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AmazonListing> _listings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AmazonOrder> _orders = [];
    private readonly Dictionary<string, AmazonFeed> _feeds = [];
    private readonly Dictionary<string, AmazonFeedDocument> _documents = [];
    private readonly Dictionary<string, DateTimeOffset> _tokens = [];
    private readonly AmazonTokenBuckets _buckets;
    private readonly TimeProvider _time;
    private long _sequence = 1_000_000;
    private int _tokenRequests;

    public AmazonSimulator(IOptions<AmazonSimulatorOptions> options, TimeProvider time, ILogger<AmazonSimulator> logger)
    {
        Options = options.Value;
        _time = time;
        _buckets = new AmazonTokenBuckets(time);
        Faults = new FaultInjector(time);
        Validator = new RequestValidator("amazon", Options.SpecsDirectory,
            new Dictionary<string, string>
            {
                ["/listings/"] = "amazon/listingsItems_2021-08-01.json", ["/orders/"] = "amazon/ordersV0.json", ["/feeds/"] = "amazon/feeds_2021-06-30.json",
            },
            new Dictionary<string, string> { [ListingsFeedSchema] = "amazon/listings-feed-schema-v2.json" }, logger);
        Acknowledgements = new OrderAcknowledgementSchema(Validator.SpecsFolder);
    }

    private const string ListingsFeedSchema = "listings-feed-v2";

    public string Name => "amazon";

    public AmazonSimulatorOptions Options { get; }

    public FaultInjector Faults { get; }

    public RequestValidator Validator { get; }

    /// <summary>The release_4_1 XSDs that POST_ORDER_ACKNOWLEDGEMENT_DATA documents are validated against.</summary>
    internal OrderAcknowledgementSchema Acknowledgements { get; }

    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/auth/o2/token", (HttpContext c, CancellationToken ct) => Token(c, ct));
        routes.MapMethods("/listings/2021-08-01/items/{sellerId}/{sku}", ["PATCH"], (HttpContext c, CancellationToken ct) => Api(c, "patchListingsItem", PatchListing, ct));
        routes.MapGet("/listings/2021-08-01/items/{sellerId}/{sku}", (HttpContext c, CancellationToken ct) => Api(c, "getListingsItem", GetListing, ct));
        routes.MapPost("/feeds/2021-06-30/documents", (HttpContext c, CancellationToken ct) => Api(c, "createFeedDocument", CreateFeedDocument, ct));
        routes.MapGet("/feeds/2021-06-30/documents/{documentId}", (HttpContext c, CancellationToken ct) => Api(c, "getFeedDocument", GetFeedDocument, ct));
        routes.MapPost("/feeds/2021-06-30/feeds", (HttpContext c, CancellationToken ct) => Api(c, "createFeed", CreateFeed, ct));
        routes.MapGet("/feeds/2021-06-30/feeds/{feedId}", (HttpContext c, CancellationToken ct) => Api(c, "getFeed", GetFeed, ct));
        // Stands in for the pre-signed S3 URLs the Feeds API hands out (no SP-API auth, like S3).
        routes.MapPut("/s3/{documentId}", (HttpContext c, CancellationToken ct) => Upload(c, ct));
        routes.MapGet("/s3/{documentId}", (HttpContext c) => Download(c));
        routes.MapGet("/orders/v0/orders", (HttpContext c, CancellationToken ct) => Api(c, "getOrders", GetOrders, ct));
        routes.MapGet("/orders/v0/orders/{orderId}/orderItems", (HttpContext c, CancellationToken ct) => Api(c, "getOrderItems", GetOrderItems, ct));
        routes.MapPost("/orders/v0/orders/{orderId}/shipmentConfirmation", (HttpContext c, CancellationToken ct) => Api(c, "confirmShipment", ConfirmShipment, ct));
        // Not part of the SP-API: places an order as a shopper would (tests, demo traffic).
        routes.MapPost("/_sim/orders", (HttpContext c, CancellationToken ct) => PlaceOrder(c, ct));
    }

    public void Seed(IReadOnlyList<SimulatedItem> items)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var item in items)
            {
                _listings[item.Sku] = new AmazonListing
                {
                    Sku = item.Sku, Asin = "B0" + NextId().PadLeft(8, '0'), Ean = item.Ean, Title = item.Title, Price = item.Price,
                    Quantity = item.Quantity, CreatedAt = now, UpdatedAt = now,
                };
            }
        }
    }

    public IReadOnlyDictionary<string, int> Quantities()
    {
        lock (_gate)
        {
            SettleFeeds();
            return _listings.Values.ToDictionary(l => l.Sku, l => l.Quantity);
        }
    }

    public void Corrupt(string sku, int quantity)
    {
        lock (_gate)
        {
            if (_listings.TryGetValue(sku, out var listing)) listing.Quantity = quantity;
        }
    }

    public decimal? PriceOf(string sku)
    {
        lock (_gate) return _listings.TryGetValue(sku, out var l) ? l.Price : null;
    }

    private async Task<IResult> Token(HttpContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        if (form is null || form["grant_type"] != "refresh_token")
        {
            return Results.Json(new { error = "unsupported_grant_type", error_description = "grant_type must be refresh_token" }, statusCode: 400);
        }
        if (form["client_id"] != Options.ClientId || form["client_secret"] != Options.ClientSecret)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Client authentication failed" }, statusCode: 401);
        }
        if (form["refresh_token"] != Options.RefreshToken)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "The request has an invalid grant parameter : refresh_token" }, statusCode: 400);
        }
        var token = "Atza|" + Guid.NewGuid().ToString("N");
        lock (_gate) _tokens[token] = _time.GetUtcNow().AddSeconds(Options.AccessTokenLifetimeSeconds);
        return Results.Json(new { access_token = token, refresh_token = Options.RefreshToken, token_type = "bearer", expires_in = Options.AccessTokenLifetimeSeconds });
    }

    private async Task<IResult> Api(HttpContext context, string operation, Func<AmazonCall, IResult> handler, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        var limit = Options.RateLimits.TryGetValue(operation, out var l) ? l : new AmazonRateLimit(10, 10);
        headers["x-amzn-RateLimit-Limit"] = limit.Rate.ToString(CultureInfo.InvariantCulture);
        headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();

        var fault = Faults.Next();
        if (fault.LatencyMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), _time, cancellationToken);
        var token = request.Headers["x-amz-access-token"].ToString();
        lock (_gate)
        {
            if (token.Length == 0 || !_tokens.TryGetValue(token, out var expires) || expires <= _time.GetUtcNow())
            {
                return AmazonErrors.Create(403, "Unauthorized", "Access to requested resource is denied.",
                    "The access token you provided is revoked, malformed or invalid.");
            }
        }
        switch (fault.Kind)
        {
            case FaultKind.Outage:
                return AmazonErrors.Create(503, "ServiceUnavailable", "Service temporarily unavailable.");
            case FaultKind.ServerError:
                return AmazonErrors.Create(500, "InternalFailure", "We encountered an internal error. Please try again.");
            case FaultKind.Throttle:
                return AmazonErrors.Create(429, "QuotaExceeded", "You exceeded your quota for the requested resource.");
        }
        if (!_buckets.TryTake(operation, limit))
        {
            return AmazonErrors.Create(429, "QuotaExceeded", "You exceeded your quota for the requested resource.");
        }

        var body = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
        var path = request.Path.Value!;
        var root = path.IndexOf("/amazon/", StringComparison.Ordinal) + "/amazon".Length;
        var violations = Validator.Validate(request, path[root..], body);
        if (violations.Count > 0) return AmazonErrors.Invalid(violations);
        JsonNode? json;
        try
        {
            json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            return AmazonErrors.Create(400, "InvalidInput", "Request body is not valid JSON.", e.Message);
        }
        lock (_gate)
        {
            SettleFeeds();
            return handler(new AmazonCall(context, json, $"{request.Scheme}://{request.Host}{path[..root]}"));
        }
    }

    private string NextId() => (++_sequence).ToString(CultureInfo.InvariantCulture);

    private static IResult Json(JsonNode body, int status = 200) => Results.Content(body.ToJsonString(), "application/json", statusCode: status);

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed record AmazonCall(HttpContext Context, JsonNode? Body, string BaseUrl)
    {
        public string Route(string name) => Context.Request.RouteValues[name]?.ToString() ?? "";

        public string Query(string name) => Context.Request.Query[name].ToString();
    }
}
