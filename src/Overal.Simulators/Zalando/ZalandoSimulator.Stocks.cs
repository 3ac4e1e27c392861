using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Overal.Simulators.Zalando;

public sealed partial class ZalandoSimulator
{
    /// <summary>POST /auth/token: Basic client_id:client_secret, form grant_type=client_credentials; 8 requests per minute.</summary>
    private async Task<IResult> IssueTokenAsync(HttpContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tokenRequests);
        var fault = await FaultAsync(jsonApi: false, cancellationToken);
        if (fault is not null) return fault;

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var wait = _tokenWindow.WaitFor(now, 1);
            if (wait > TimeSpan.Zero)
            {
                CountThrottled();
                return TooManyRequests((int)Math.Ceiling(wait.TotalSeconds), _tokenWindow.Limit, "too many token requests", jsonApi: false);
            }
            _tokenWindow.Add(now, 1);
        }

        if (!HasClientCredentials(context.Request.Headers.Authorization.ToString()))
        {
            return ZalandoErrors.OAuth(401, "invalid_client", "Client authentication failed");
        }
        if (!context.Request.HasFormContentType)
        {
            return ZalandoErrors.OAuth(400, "invalid_request", "Expected application/x-www-form-urlencoded");
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form["grant_type"] != "client_credentials")
        {
            return ZalandoErrors.OAuth(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _tokens[token] = now.AddSeconds(Options.TokenLifetimeSeconds);
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = Options.TokenLifetimeSeconds }, Json);
    }

    private bool HasClientCredentials(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return pair == Options.ClientId + ":" + Options.ClientSecret;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// POST /merchants/{id}/stocks. A malformed batch is refused whole (400 Problem JSON, nothing changes); unknown EANs
    /// and sales channels fail per item (status "REJECTED", code and description are UNCONFIRMED choices). Both
    /// limits (requests and item updates per window) are checked before anything is applied.
    /// </summary>
    private async Task<IResult> PostStocksAsync(string merchantId, HttpContext context, CancellationToken cancellationToken)
    {
        if (!IsAuthorized(context)) return ZalandoErrors.Problem(401, "Unauthorized", "missing or invalid access token");
        var fault = await FaultAsync(jsonApi: false, cancellationToken);
        if (fault is not null) return fault;
        if (merchantId != Options.MerchantId) return ZalandoErrors.Problem(403, "Forbidden", "not your merchant id");

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return ZalandoErrors.Problem(400, "Bad Request", "body is not valid JSON: " + e.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("items", out var raw) && raw.ValueKind == JsonValueKind.Array)
            {
                UpdateLargest(raw.GetArrayLength());
            }
            var parsed = ZalandoStockBatch.Parse(document.RootElement, Options.MaxItemsPerRequest, out var error);
            if (parsed is null) return ZalandoErrors.Problem(400, "Bad Request", error!);

            var now = _time.GetUtcNow();
            lock (_gate)
            {
                var wait = TimeSpan.Zero;
                int limit = 0;
                if (_requestWindow.WaitFor(now, 1) is var w1 && w1 > wait) (wait, limit) = (w1, _requestWindow.Limit);
                if (_updateWindow.WaitFor(now, parsed.Count) is var w2 && w2 > wait) (wait, limit) = (w2, _updateWindow.Limit);
                if (wait > TimeSpan.Zero)
                {
                    CountThrottled();
                    return TooManyRequests((int)Math.Ceiling(wait.TotalSeconds), limit, "stock rate limit exceeded", jsonApi: false);
                }
                _requestWindow.Add(now, 1);
                _updateWindow.Add(now, parsed.Count);
                Interlocked.Increment(ref _stockRequests);

                var knownChannels = Options.SalesChannels.Values.ToHashSet(StringComparer.Ordinal);
                var results = new List<object>(parsed.Count);
                foreach (var item in parsed)
                {
                    object result;
                    if (!knownChannels.Contains(item.SalesChannelId))
                    {
                        result = new { status = "REJECTED", code = "SALES_CHANNEL_NOT_FOUND", description = "unknown sales_channel_id" };
                    }
                    else if (!_skuByEan.ContainsKey(item.Ean))
                    {
                        result = new { status = "REJECTED", code = "EAN_NOT_FOUND", description = "no article with this EAN for the merchant" };
                    }
                    else
                    {
                        _stock[(item.SalesChannelId, item.Ean)] = item.Quantity;
                        result = new { status = "ACCEPTED", code = "0" };
                    }
                    results.Add(new { item = new { sales_channel_id = item.SalesChannelId, ean = item.Ean, quantity = item.Quantity }, result });
                }
                return Results.Json(new { items = results }, Json);
            }
        }
    }

    private void UpdateLargest(int count)
    {
        int seen;
        while ((seen = Volatile.Read(ref _largestBatch)) < count && Interlocked.CompareExchange(ref _largestBatch, count, seen) != seen)
        {
        }
    }
}
