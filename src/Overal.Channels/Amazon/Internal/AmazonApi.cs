using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Overal.Channels.Auth;

namespace Overal.Channels.Amazon.Internal;

/// <summary>
/// Sends SP-API calls: LWA access token in x-amz-access-token, one token bucket per operation (defaults from the
/// contract, rate from x-amzn-RateLimit-Limit), transient failures as <see cref="AmazonUnavailableException"/>.
/// </summary>
internal sealed class AmazonApi(HttpClient http, AmazonAdapterOptions options, TimeProvider time)
{
    // Rate (per second) and burst per operation, from the Swagger models and the contract; the header corrects the rate.
    private static readonly Dictionary<string, (double Rate, int Burst)> Plans = new()
    {
        ["patchListingsItem"] = (5, 10),
        ["getListingsItem"] = (5, 10),
        ["getOrders"] = (0.0167, 20),
        ["getOrderItems"] = (0.5, 30),
        ["confirmShipment"] = (2, 10),
        ["createFeedDocument"] = (0.5, 15),
        ["createFeed"] = (0.0083, 15),
        ["getFeed"] = (2, 15),
        ["getFeedDocument"] = (0.0222, 10),
    };

    private readonly Dictionary<string, AmazonRateBucket> _buckets = [];
    private readonly Lock _bucketsLock = new();
    private int _calls;

    public AccessTokenCache Tokens { get; } = LwaTokenCache.Create(http, options, time);

    public int Calls => Volatile.Read(ref _calls) + Tokens.Requests;

    public async Task<AmazonResponse> SendAsync(string operation, HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        var bucket = Bucket(operation);
        for (var attempt = 0; ; attempt++)
        {
            var token = await Tokens.GetAsync(cancellationToken);
            await bucket.AcquireAsync(options.MaxThrottleWait, cancellationToken);
            using var request = new HttpRequestMessage(method, new Uri(options.Endpoint, pathAndQuery));
            request.Headers.Add("x-amz-access-token", token);
            request.Headers.Accept.ParseAdd("application/json");
            if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            Interlocked.Increment(ref _calls);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new AmazonUnavailableException("SP-API unreachable: " + e.Message, null, e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AmazonUnavailableException("SP-API timed out", null, e);
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                bucket.Observe(response.Headers.TryGetValues("x-amzn-RateLimit-Limit", out var v) ? v.FirstOrDefault() : null, status == 429);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.Forbidden && attempt == 0 && text.Contains("Unauthorized", StringComparison.Ordinal))
                {
                    Tokens.Invalidate(token);
                    continue;
                }
                if (status == 429) throw new AmazonUnavailableException($"{operation}: QuotaExceeded", bucket.TimeForOne, throttled: true);
                if (status >= 500) throw new AmazonUnavailableException($"{operation} answered {status}: {Errors(text)}", TimeSpan.FromSeconds(1));
                return new AmazonResponse(status, text);
            }
        }
    }

    /// <summary>
    /// PUT to a pre-signed document URL (no SP-API auth, no bucket). The Content-Type goes out exactly as declared in
    /// createFeedDocument: the URL's signature covers it, and .NET would otherwise write its own "charset=utf-8".
    /// </summary>
    public async Task UploadAsync(Uri url, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        await TransferAsync(request, cancellationToken);
    }

    /// <summary>GET from a pre-signed document URL; a GZIP document (compressionAlgorithm) comes back decompressed.</summary>
    public async Task<byte[]> DownloadAsync(Uri url, string? compressionAlgorithm, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var content = await TransferAsync(request, cancellationToken);
        if (compressionAlgorithm is null) return content;
        if (compressionAlgorithm != "GZIP") throw new InvalidOperationException($"Feed document compressed with unknown algorithm '{compressionAlgorithm}'.");
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain, cancellationToken);
        return plain.ToArray();
    }

    private async Task<byte[]> TransferAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if ((int)response.StatusCode is 429 or >= 500) throw new AmazonUnavailableException($"document transfer answered {(int)response.StatusCode}", TimeSpan.FromSeconds(1));
            // A refused signature (403) will not pass on a retry: the request itself is wrong.
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"document transfer refused ({(int)response.StatusCode}): {Encoding.UTF8.GetString(body)}");
            return body;
        }
        catch (HttpRequestException e) when (e is not AmazonUnavailableException)
        {
            throw new AmazonUnavailableException("document transfer failed: " + e.Message, null, e);
        }
    }

    public static string Errors(string text)
    {
        try
        {
            var errors = JsonNode.Parse(text)?["errors"] as JsonArray;
            return errors is null ? text : string.Join("; ", errors.Select(e => $"{e?["code"]}: {e?["message"]}"));
        }
        catch (System.Text.Json.JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }

    private AmazonRateBucket Bucket(string operation)
    {
        lock (_bucketsLock)
        {
            if (!_buckets.TryGetValue(operation, out var bucket))
            {
                var (rate, burst) = Plans.GetValueOrDefault(operation, (1, 1));
                _buckets[operation] = bucket = new AmazonRateBucket(rate, burst, time);
            }
            return bucket;
        }
    }
}
