using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Overal.Channels.Lightspeed;

/// <summary>
/// The safety net under sale.update webhooks, which X-Series does not guarantee to deliver: fetches sales dated at or
/// after a time through GET api/2.0/search?type=sales. It honours the account's rate limit (300 × registers + 50 per
/// 5 minutes): X-RateLimit-Remaining and X-RateLimit-Reset are remembered, and after a 429 no call is made before its
/// Retry-After. Keep one instance per account (it holds that state); it is thread-safe.
/// </summary>
public sealed class LightspeedSalesPoller
{
    private readonly Func<HttpClient> _http;
    private readonly LightspeedOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int? _remaining;
    private DateTimeOffset? _resetAt;
    private DateTimeOffset? _blockedUntil;

    public LightspeedSalesPoller(HttpClient http, LightspeedOptions options, TimeProvider? time = null)
        : this(() => http, options, time ?? TimeProvider.System)
    {
    }

    internal LightspeedSalesPoller(Func<HttpClient> http, LightspeedOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
    }

    /// <summary>Calls left in the current window, as the last response said (null before the first call).</summary>
    public int? RateLimitRemaining
    {
        get { lock (_gate) { return _remaining; } }
    }

    public async Task<LightspeedPollResult> FetchSalesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sales = new List<PosSale>();
        var calls = 0;
        var pageSize = Math.Clamp(_options.PollPageSize, 1, 1000);
        for (var offset = 0; ; )
        {
            if (BlockedUntil() is { } until) return new LightspeedPollResult(sales, false, until, calls, "Rate limit reached.");

            var uri = new Uri(_options.Root, string.Create(CultureInfo.InvariantCulture,
                $"api/2.0/search?type=sales&date_from={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}&page_size={pageSize}&offset={offset}"));
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
            HttpResponseMessage response;
            try
            {
                response = await _http().SendAsync(request, cancellationToken);
                calls++;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return new LightspeedPollResult(sales, false, null, calls + 1, "Lightspeed did not answer: " + e.Message);
            }
            using (response)
            {
                Observe(response);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    return new LightspeedPollResult(sales, false, BlockedUntil(), calls, "Lightspeed answered 429.");
                }
                if (!response.IsSuccessStatusCode)
                {
                    return new LightspeedPollResult(sales, false, null, calls, $"Lightspeed answered {(int)response.StatusCode}.");
                }
                var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                var page = (body?["data"] as JsonArray ?? []).OfType<JsonObject>().Select(LightspeedWebhookParser.ParseSale).ToList();
                sales.AddRange(page);
                if (page.Count < pageSize) return new LightspeedPollResult(sales, true, null, calls, null);
                offset += page.Count;
            }
        }
    }

    private DateTimeOffset? BlockedUntil()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_blockedUntil > now) return _blockedUntil;
            if (_remaining == 0 && _resetAt > now) return _resetAt;
            return null;
        }
    }

    private void Observe(HttpResponseMessage response)
    {
        lock (_gate)
        {
            if (Header(response, "X-RateLimit-Remaining") is { } remaining && int.TryParse(remaining, NumberStyles.None, CultureInfo.InvariantCulture, out var r))
            {
                _remaining = r;
            }
            if (Header(response, "X-RateLimit-Reset") is { } reset && DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                _resetAt = at;
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retry = response.Headers.RetryAfter;
                _blockedUntil = retry?.Date ?? (retry?.Delta is { } delta ? _time.GetUtcNow() + delta : _resetAt ?? _time.GetUtcNow().AddMinutes(5));
            }
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
