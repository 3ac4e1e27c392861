using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Overal.Channels.Shopify.Internal;

/// <summary>
/// One GraphQL call to the Admin API through the cost throttle: waits (up to a limit) until the model says the
/// estimated cost is available, sends, and feeds the returned throttleStatus back into the model.
/// </summary>
/// <remarks>HttpClients come from a factory per call so a long-lived adapter never pins one handler.</remarks>
internal sealed class ShopifyGraphQlClient(Func<HttpClient> httpClients, IOptions<ShopifyOptions> options, ShopifyCostThrottle throttle, TimeProvider time)
{
    private const string ProbeQuery = "query OveralProbe { shop { id } }";

    public ShopifyOptions Options => options.Value;

    public ShopifyCostThrottle Throttle => throttle;

    /// <summary>Learns the bucket's size with the cheapest possible query (cost 1) before the first real call.</summary>
    public async Task<ShopifyCallResult?> EnsureBucketKnownAsync(CancellationToken cancellationToken)
    {
        if (throttle.Known) return null;
        var probe = await SendAsync(ProbeQuery, new JsonObject(), 1, options.Value.MaxThrottleWait, cancellationToken);
        return probe.Status == ShopifyCallStatus.Ok ? null : probe;
    }

    public async Task<ShopifyCallResult> SendAsync(string query, JsonObject variables, int estimatedCost, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var wait = throttle.TryReserve(estimatedCost, maxWait, out var wouldWait);
        if (wait is null)
        {
            return new ShopifyCallResult(ShopifyCallStatus.Throttled, null, $"Cost bucket needs {wouldWait.TotalSeconds:0.0}s to afford {estimatedCost} points.", wouldWait, Sent: false);
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait.Value, time, cancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.Endpoint)
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }),
        };
        request.Headers.Add("X-Shopify-Access-Token", options.Value.AccessToken);
        HttpResponseMessage response;
        try
        {
            response = await httpClients().SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throttle.Release(estimatedCost);
            return new ShopifyCallResult(ShopifyCallStatus.Transient, null, "Shopify did not answer: " + e.Message, null, Sent: true);
        }
        using (response)
        {
            JsonObject? body = null;
            try
            {
                body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                // Error pages are not always JSON; the status code decides below.
            }
            var cost = body?["extensions"]?["cost"];
            if (cost?["throttleStatus"] is JsonObject status)
            {
                throttle.Observe(estimatedCost, status["maximumAvailable"]!.GetValue<double>(), status["currentlyAvailable"]!.GetValue<double>(), status["restoreRate"]!.GetValue<double>());
            }
            else
            {
                throttle.Release(estimatedCost);
            }
            return Classify(response.StatusCode, body, estimatedCost);
        }
    }

    private ShopifyCallResult Classify(HttpStatusCode statusCode, JsonObject? body, int estimatedCost)
    {
        var errors = body?["errors"];
        var throttled = statusCode == HttpStatusCode.TooManyRequests
            || (errors is JsonArray list && list.Any(e => e?["extensions"]?["code"]?.ToString() == "THROTTLED"));
        if (throttled)
        {
            var retryAfter = throttle.TimeUntilAvailable(estimatedCost);
            return new ShopifyCallResult(ShopifyCallStatus.Throttled, null, "Throttled by Shopify.",
                retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter, Sent: true);
        }
        if (statusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new ShopifyCallResult(ShopifyCallStatus.Unauthorized, null, $"Shopify refused the access token ({(int)statusCode}).", null, Sent: true);
        }
        if ((int)statusCode >= 500 || statusCode == HttpStatusCode.RequestTimeout)
        {
            return new ShopifyCallResult(ShopifyCallStatus.Transient, null, $"Shopify answered {(int)statusCode}.", null, Sent: true);
        }
        if (errors is not null || body?["data"] is not JsonObject data)
        {
            var message = errors is JsonArray array ? string.Join("; ", array.Select(e => e?["message"]?.ToString())) : errors?.ToString();
            return new ShopifyCallResult(ShopifyCallStatus.Failed, null, $"Shopify answered {(int)statusCode}: {message}", null, Sent: true);
        }
        return new ShopifyCallResult(ShopifyCallStatus.Ok, data, null, null, Sent: true);
    }
}

internal enum ShopifyCallStatus { Ok, Throttled, Transient, Unauthorized, Failed }

/// <param name="Sent">Whether an HTTP request went out (counts as a channel call).</param>
internal sealed record ShopifyCallResult(ShopifyCallStatus Status, JsonObject? Data, string? Error, TimeSpan? RetryAfter, bool Sent);
