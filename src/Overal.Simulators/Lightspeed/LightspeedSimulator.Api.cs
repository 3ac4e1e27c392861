using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Overal.Simulators.Control;

namespace Overal.Simulators.Lightspeed;

/// <remarks>
/// The read API the hub polls: Bearer auth, then the X-Series limit of RequestsPerRegister × RegisterCount +
/// BaseRequests per window (a fixed window per account here), reported in X-RateLimit-Limit and
/// X-RateLimit-Remaining; over the limit: 429 with Retry-After as an HTTP date.
/// </remarks>
public sealed partial class LightspeedSimulator
{
    private DateTimeOffset _rateWindowStart;
    private int _rateWindowUsed;
    private long _rateLimited;

    /// <summary>API calls answered with 429.</summary>
    public long RateLimitedCount => Interlocked.Read(ref _rateLimited);

    public int RateLimit => _options.RequestsPerRegister * _options.RegisterCount + _options.BaseRequests;

    private void MapApi(RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Authorized(http))
            {
                return Results.Json(new JsonObject { ["error"] = "invalid_token", ["error_description"] = "The access token is missing, expired or invalid." }, statusCode: 401);
            }
            var fault = Faults.Next();
            if (fault.LatencyMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), _time, http.RequestAborted);
            switch (fault.Kind)
            {
                case FaultKind.Outage:
                    return Results.Json(new JsonObject { ["error"] = "Service Unavailable" }, statusCode: 503);
                case FaultKind.ServerError:
                    return Results.Json(new JsonObject { ["error"] = "Internal Server Error" }, statusCode: 500);
            }
            return Admit(http, fault.Kind == FaultKind.Throttle) ?? await next(context);
        });
        api.MapGet("/sales", (long? after, int? page_size) => TypedResults.Ok(SalesAfterVersion(after ?? 0, page_size ?? 100)));
        api.MapGet("/search", SearchSales);
        api.MapGet("/outlets", () => TypedResults.Ok(new JsonObject
        {
            ["data"] = new JsonArray([.. _outlets.Select(o => (JsonNode?)new JsonObject { ["id"] = o.Key, ["name"] = o.Value })]),
        }));
    }

    /// <summary>Counts the call against the window; the 429 result when over the limit (or a throttle fault), else null.</summary>
    private IResult? Admit(HttpContext http, bool forceThrottle)
    {
        int remaining;
        DateTimeOffset resetAt;
        bool allowed;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _rateWindowStart >= _options.RateLimitWindow)
            {
                _rateWindowStart = now;
                _rateWindowUsed = 0;
            }
            resetAt = _rateWindowStart + _options.RateLimitWindow;
            allowed = !forceThrottle && _rateWindowUsed < RateLimit;
            if (allowed) _rateWindowUsed++;
            remaining = Math.Max(0, RateLimit - _rateWindowUsed);
        }
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = RateLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = LightspeedPayloads.Timestamp(resetAt);
        if (allowed) return null;
        Interlocked.Increment(ref _rateLimited);
        // Retry-After as an HTTP date, rounded up to the next whole second so it is never early.
        var retryAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling(resetAt.ToUnixTimeMilliseconds() / 1000.0));
        headers.RetryAfter = retryAt.ToString("r", CultureInfo.InvariantCulture);
        return Results.Json(new JsonObject { ["error"] = "Too Many Requests", ["error_description"] = "Rate limit exceeded." }, statusCode: 429);
    }

    private JsonObject SalesAfterVersion(long after, int pageSize)
    {
        lock (_gate)
        {
            var page = _sales.Where(s => s.Version > after).OrderBy(s => s.Version).Take(Math.Clamp(pageSize, 1, 10_000)).ToList();
            return new JsonObject
            {
                ["data"] = new JsonArray([.. page.Select(s => (JsonNode?)LightspeedPayloads.Sale(s))]),
                ["version"] = new JsonObject { ["min"] = page.FirstOrDefault()?.Version, ["max"] = page.LastOrDefault()?.Version },
            };
        }
    }

    private IResult SearchSales(string? type, DateTimeOffset? date_from, DateTimeOffset? date_to, int? page_size, int? offset, string? outlet_id)
    {
        if (type != "sales")
        {
            return Results.Json(new JsonObject { ["error"] = "Bad Request", ["error_description"] = "The simulator searches type=sales only." }, statusCode: 400);
        }
        lock (_gate)
        {
            var matches = _sales
                .Where(s => date_from is null || s.At >= date_from)
                .Where(s => date_to is null || s.At < date_to)
                .Where(s => outlet_id is null || s.OutletId == outlet_id)
                .OrderBy(s => s.At).ThenBy(s => s.Version)
                .ToList();
            var page = matches.Skip(Math.Max(0, offset ?? 0)).Take(Math.Clamp(page_size ?? 100, 1, 1000)).ToList();
            return TypedResults.Ok(new JsonObject
            {
                ["data"] = new JsonArray([.. page.Select(s => (JsonNode?)LightspeedPayloads.Sale(s))]),
                ["total_count"] = matches.Count,
            });
        }
    }

    private bool Authorized(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.Ordinal) && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(header[prefix.Length..]), Encoding.UTF8.GetBytes(_options.AccessToken));
    }
}
