using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Bol.Internal;

namespace Overal.Channels.Bol;

/// <summary>
/// bol Retailer API v10 adapter. One offer per call is the API's nature, but the dispatcher hands over up to
/// <see cref="BolAdapterOptions.MaxItemsPerPush"/> offers at once and the adapter sends those calls concurrently
/// within the rate gate, then polls their process statuses in bulk (one offer per push would leave each push waiting
/// for bol's asynchronous processing, a fraction of an offer a second); only
/// SUCCESS confirms. Tokens are reused until expiry; offer ids are resolved from the offer export and cached.
/// </summary>
public sealed partial class BolAdapter : IChannelAdapter
{
    private const int MaxAmount = 999;
    private readonly BolAdapterOptions _options;
    private readonly TimeProvider _time;
    private readonly BolApi _api;
    private readonly BolProcessTracker _tracker;
    private readonly BolOfferDirectory _offers;

    public BolAdapter(HttpClient http, BolAdapterOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _api = new BolApi(http, options, _time);
        _tracker = new BolProcessTracker(_api, options, _time);
        _offers = new BolOfferDirectory(_api, _tracker, options, _time);
    }

    public string ChannelId => "bol";

    public ChannelCapabilities Capabilities =>
        ChannelCapabilities.PushStock | ChannelCapabilities.PushPrice | ChannelCapabilities.ImportOrders
        | ChannelCapabilities.ConfirmShipment | ChannelCapabilities.CancelOrder | ChannelCapabilities.ReadBackStock;

    public int MaxBatchSize => Math.Max(1, _options.MaxItemsPerPush);

    /// <summary>Token requests made so far (one per token lifetime, never one per call).</summary>
    public int TokenRequests => _api.Tokens.Requests;

    public Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken) =>
        PushAsync([.. updates.Select(u =>
        {
            var amount = Math.Clamp(u.Quantity, 0, MaxAmount);
            var note = amount != u.Quantity ? $"bol accepts 0–{MaxAmount}; sent {amount} instead of {u.Quantity}" : null;
            return new OfferChange(u.Sku, u.Ean, "stock", new JsonObject { ["amount"] = amount, ["managedByRetailer"] = true }, amount, note, null);
        })], cancellationToken);

    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken) =>
        PushAsync([.. updates.Select(u =>
        {
            var price = Math.Round(u.Price, 2, MidpointRounding.AwayFromZero);
            var invalid = u.Currency != "EUR" ? $"bol sells in EUR, not {u.Currency}"
                : price is < 1 or > 9999 ? $"bol accepts unit prices 1–9999, not {price}" : null;
            var body = new JsonObject
            {
                ["pricing"] = new JsonObject { ["bundlePrices"] = new JsonArray(new JsonObject { ["quantity"] = 1, ["unitPrice"] = price }) },
            };
            return new OfferChange(u.Sku, u.Ean, "price", body, null, null, invalid);
        })], cancellationToken);

    private async Task<PushResult> PushAsync(IReadOnlyList<OfferChange> changes, CancellationToken cancellationToken)
    {
        var callsBefore = _api.Calls;
        var results = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        TimeSpan? retryAfter = null;
        void Later(OfferChange c, string error, TimeSpan? after)
        {
            results[c.Sku] = new ItemResult(c.Sku, ItemOutcome.RetryLater, error, null);
            if (after is { } a && (retryAfter is null || a > retryAfter)) retryAfter = a;
        }

        foreach (var invalid in changes.Where(c => c.Invalid is not null))
        {
            results[invalid.Sku] = new ItemResult(invalid.Sku, ItemOutcome.Rejected, invalid.Invalid, null);
        }
        var valid = changes.Where(c => c.Invalid is null).ToList();
        var resolution = await _offers.ResolveAsync(valid.Select(c => (c.Sku, (string?)c.Ean)), cancellationToken);
        var offers = resolution.Found;
        if (resolution.ExportProblem is { } notReady)
        {
            // Offers not found because the export is not ready wait for it (paused while bol is preparing it, counted
            // failures once it failed or is stuck); the offers already known go out now.
            foreach (var c in valid.Where(c => !offers.ContainsKey(c.Sku))) Later(c, notReady.Message, notReady.RetryAfter);
            valid = [.. valid.Where(c => offers.ContainsKey(c.Sku))];
        }

        var submitted = new Dictionary<string, OfferChange>();
        var gate = new Lock();
        await Parallel.ForEachAsync(valid, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (change, ct) =>
            {
                if (!offers.TryGetValue(change.Sku, out var offer))
                {
                    lock (gate) results[change.Sku] = new ItemResult(change.Sku, ItemOutcome.Rejected, $"bol has no offer with reference {change.Sku} or EAN {change.Ean}", null);
                    return;
                }
                try
                {
                    var response = await _api.SendAsync(HttpMethod.Put, $"retailer/offers/{Uri.EscapeDataString(offer.OfferId)}/{change.Kind}", change.Body, ct);
                    lock (gate)
                    {
                        if (response.IsSuccess && BolProcessOutcome.From(response.Json) is { } process)
                        {
                            submitted[process.Id] = change;
                            if (process.Status != "PENDING") results[change.Sku] = Settled(change, process);
                        }
                        else
                        {
                            if (response.Status == 404) _offers.Forget(change.Sku, change.Ean);
                            results[change.Sku] = new ItemResult(change.Sku, ItemOutcome.Rejected, $"bol answered {response.Status}: {BolApi.Detail(response.Body)}", null);
                        }
                    }
                }
                catch (BolUnavailableException e)
                {
                    lock (gate) Later(change, e.Message, e.RetryAfter);
                }
            });

        var waiting = submitted.Where(s => !results.ContainsKey(s.Value.Sku)).Select(s => s.Key).ToList();
        if (waiting.Count > 0)
        {
            var outcomes = await _tracker.AwaitAsync(waiting, cancellationToken);
            foreach (var id in waiting)
            {
                var change = submitted[id];
                var outcome = outcomes[id];
                // Still queued at bol: come back soon without counting a failure (bol's own TIMEOUT is settled as one below).
                if (outcome.Status == "PENDING") Later(change, outcome.Error ?? "bol is still processing the update", outcome.RetryAfter ?? _options.ProcessStatusPollInterval);
                else results[change.Sku] = Settled(change, outcome);
            }
        }
        return Result(changes, results, retryAfter, callsBefore);
    }

    private ItemResult Settled(OfferChange change, BolProcessOutcome process)
    {
        if (process.Status == "SUCCESS") return new ItemResult(change.Sku, ItemOutcome.Confirmed, change.Note, change.ConfirmedQuantity);
        if (process.Status == "FAILURE")
        {
            _offers.Forget(change.Sku, change.Ean);
            return new ItemResult(change.Sku, ItemOutcome.Rejected, process.Error ?? "bol reported FAILURE", null);
        }
        return new ItemResult(change.Sku, ItemOutcome.RetryLater, process.Error ?? "bol reported " + process.Status, null);
    }

    private PushResult Result(IReadOnlyList<OfferChange> changes, Dictionary<string, ItemResult> results, TimeSpan? retryAfter, int callsBefore) =>
        new([.. changes.Select(c => results.TryGetValue(c.Sku, out var r) ? r : new ItemResult(c.Sku, ItemOutcome.RetryLater, "not sent", null))],
            retryAfter,
            _api.Calls - callsBefore);

    /// <summary>One offer change: which sub-resource (stock|price) and its body; <c>Invalid</c> stops it before sending.</summary>
    private sealed record OfferChange(string Sku, string Ean, string Kind, JsonObject Body, int? ConfirmedQuantity, string? Note, string? Invalid);
}
