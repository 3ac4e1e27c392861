using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Zalando;

/// <summary>
/// Zalando zDirect: EAN-keyed stock for every configured sales channel, JSON:API order import (claim by
/// exported=true), tracking and line status write-back. Prices go through a separate zDirect price API that is not
/// in our contract yet, and zDirect documents no stock read endpoint: both are <see cref="NotSupportedException"/>;
/// reconciliation for Zalando is a periodic full re-push.
/// </summary>
public sealed partial class ZalandoAdapter : IChannelAdapter
{
    /// <summary>Name of the HttpClient registered by <see cref="ZalandoChannelServiceCollectionExtensions.AddZalandoChannel"/>.</summary>
    public const string HttpClientName = "Overal.Channels.Zalando";

    private const string NotSent = "not sent";

    private readonly IHttpClientFactory _httpClients;
    private readonly ZalandoOptions _options;
    private readonly TimeProvider _time;
    private readonly ZalandoTokenSource _tokens;
    private readonly ZalandoRateLimiter _limiter;

    public ZalandoAdapter(IHttpClientFactory httpClients, IOptions<ZalandoOptions> options, TimeProvider time)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        if (_options.SalesChannelIds.Count == 0) throw new InvalidOperationException("Channels:Zalando:SalesChannelIds must list at least one sales channel.");
        if (_options.SalesChannelIds.Count > _options.MaxItemsPerRequest) throw new InvalidOperationException("More sales channels than items per request.");
        _tokens = new ZalandoTokenSource(_options, time);
        _limiter = new ZalandoRateLimiter(_options.StockRequestsPerWindow, _options.StockUpdatesPerWindow, _options.RateWindow, time);
    }

    public string ChannelId => "zalando";

    public ChannelCapabilities Capabilities =>
        ChannelCapabilities.PushStock | ChannelCapabilities.ImportOrders | ChannelCapabilities.ConfirmShipment | ChannelCapabilities.CancelOrder
        | ChannelCapabilities.ConfirmReturn;

    /// <summary>SKUs per call; each SKU becomes one item per sales channel, split into requests of at most 1,000 items.</summary>
    public int MaxBatchSize => 1000;

    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken) =>
        throw new NotSupportedException("zDirect prices are not part of the Zalando contract yet.");

    public Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
        throw new NotSupportedException("zDirect documents no stock read endpoint; reconcile Zalando by re-pushing.");

    public async Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        var latest = new Dictionary<string, StockUpdate>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            latest[update.Sku] = update;
            outcomes[update.Sku] = update switch
            {
                { Quantity: < 0 } => new ItemResult(update.Sku, ItemOutcome.Rejected, "quantity must be >= 0", null),
                _ when !IsEan13(update.Ean) => new ItemResult(update.Sku, ItemOutcome.Rejected, $"'{update.Ean}' is not a 13-digit EAN", null),
                _ => new ItemResult(update.Sku, ItemOutcome.RetryLater, NotSent, null),
            };
        }
        var toSend = latest.Values.Where(u => outcomes[u.Sku].Outcome == ItemOutcome.RetryLater).ToList();
        // A SKU's items for all sales channels travel in the same request, so one SKU never half-succeeds by chunking.
        var skusPerRequest = _options.MaxItemsPerRequest / _options.SalesChannelIds.Count;
        var calls = 0;
        TimeSpan? retryAfter = null;
        var http = _httpClients.CreateClient(HttpClientName);
        foreach (var chunk in toSend.Chunk(skusPerRequest))
        {
            try
            {
                var items = chunk.SelectMany(u => _options.SalesChannelIds.Select(c => new ZalandoStock.Item(c, u.Ean, u.Quantity))).ToList();
                var token = await _tokens.GetAsync(http, cancellationToken);
                var slot = await ReserveAsync(items.Count, cancellationToken);
                calls++;
                foreach (var result in await SendStockAsync(http, chunk, items, token, slot, cancellationToken)) outcomes[result.Sku] = result;
            }
            catch (Exception e) when (e is ZalandoUnavailableException or HttpRequestException
                || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                retryAfter = (e as ZalandoUnavailableException)?.RetryAfter;
                foreach (var u in toSend.Where(u => ReferenceEquals(outcomes[u.Sku].Error, NotSent)))
                {
                    outcomes[u.Sku] = new ItemResult(u.Sku, ItemOutcome.RetryLater, e.Message, null);
                }
                break;
            }
        }
        return new PushResult([.. outcomes.Values], retryAfter, calls);
    }

    private async Task<IReadOnlyList<ItemResult>> SendStockAsync(
        HttpClient http, StockUpdate[] chunk, List<ZalandoStock.Item> items, string token, ZalandoRateLimiter.Slot slot, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"merchants/{_options.MerchantId}/stocks")
            {
                Content = JsonContent.Create(new ZalandoStock.Request(items), options: ZalandoStock.Json),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized) _tokens.Invalidate(token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new ZalandoUnavailableException("throttled by Zalando (429)", ZalandoResponses.RetryAfter(response, _time));
            }
            if (ZalandoResponses.IsTransient(response.StatusCode))
            {
                throw new ZalandoUnavailableException($"Zalando answered {(int)response.StatusCode}", null);
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return [.. chunk.Select(u => new ItemResult(u.Sku, ItemOutcome.Rejected, $"Zalando refused the batch ({(int)response.StatusCode}): {body}", null))];
            }
            return ZalandoStock.Outcomes(chunk, items, body);
        }
        finally
        {
            _limiter.Complete(slot);
        }
    }

    /// <summary>Waits for room in both stock limits when it comes soon; otherwise the items go back as RetryLater.</summary>
    private async Task<ZalandoRateLimiter.Slot> ReserveAsync(int updates, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = _limiter.TryReserve(updates, out var wait);
            if (slot is not null) return slot;
            if (wait > _options.MaxThrottleWait) throw new ZalandoUnavailableException(ZalandoStock.BudgetExhausted, wait);
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private static bool IsEan13(string ean) => ean.Length == 13 && ean.All(char.IsAsciiDigit);
}
