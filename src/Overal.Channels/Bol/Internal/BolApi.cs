using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Overal.Channels.Auth;

namespace Overal.Channels.Bol.Internal;

/// <summary>
/// Sends Retailer API v10 calls: bearer token from the cache, the v10 media type, one gate per endpoint group
/// (bol limits per group), and transient failures turned into <see cref="BolUnavailableException"/>.
/// </summary>
internal sealed class BolApi(HttpClient http, BolAdapterOptions options, TimeProvider time)
{
    public const string MediaType = "application/vnd.retailer.v10+json";
    private readonly Dictionary<string, BolRequestGate> _gates = [];
    private readonly Lock _gatesLock = new();
    private int _calls;

    public AccessTokenCache Tokens { get; } = BolTokenCache.Create(http, options, time);

    /// <summary>HTTP calls made so far (tokens included), for PushResult.ChannelCalls.</summary>
    public int Calls => Volatile.Read(ref _calls) + Tokens.Requests;

    public async Task<BolResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, string accept = MediaType)
    {
        var gate = Gate(method, path);
        for (var attempt = 0; ; attempt++)
        {
            var token = await Tokens.GetAsync(cancellationToken);
            await gate.EnterAsync(cancellationToken);
            using var request = new HttpRequestMessage(method, new Uri(options.BaseAddress, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
            }
            Interlocked.Increment(ref _calls);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new BolUnavailableException("bol unreachable: " + e.Message, null, e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BolUnavailableException("bol timed out", null, e);
            }
            using (response)
            {
                gate.Observe(response);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    Tokens.Invalidate(token);
                    continue;
                }
                if (status == 429)
                {
                    throw new BolUnavailableException("bol answered 429", BolRequestGate.RetryAfter(response), throttled: true);
                }
                if (status >= 500 || response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    throw new BolUnavailableException($"bol answered {status}: {Detail(text)}", response.Headers.RetryAfter?.Delta);
                }
                return new BolResponse(status, text);
            }
        }
    }

    /// <summary>The problem's detail and violations, for an item's error text.</summary>
    public static string Detail(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            var violations = node?["violations"] as JsonArray;
            var parts = violations?.Select(v => $"{v?["name"]}: {v?["reason"]}") ?? [];
            return string.Join("; ", new[] { node?["detail"]?.ToString() ?? "" }.Concat(parts).Where(p => p.Length > 0));
        }
        catch (System.Text.Json.JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }

    private BolRequestGate Gate(HttpMethod method, string path)
    {
        var group = path switch
        {
            _ when path.StartsWith("shared/process-status", StringComparison.Ordinal) => "process-status",
            _ when method == HttpMethod.Get && path.StartsWith("retailer/orders?", StringComparison.Ordinal) || path == "retailer/orders" => "orders-list",
            _ when method == HttpMethod.Get && path.StartsWith("retailer/orders/", StringComparison.Ordinal) => "order-detail",
            _ when path.StartsWith("retailer/orders", StringComparison.Ordinal) || path.StartsWith("retailer/shipments", StringComparison.Ordinal) => "orders-write",
            _ => "offers",
        };
        lock (_gatesLock)
        {
            if (!_gates.TryGetValue(group, out var gate)) _gates[group] = gate = new BolRequestGate(time, options.MaxThrottleWait);
            return gate;
        }
    }
}
