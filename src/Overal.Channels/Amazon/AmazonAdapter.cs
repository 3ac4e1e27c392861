using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Amazon.Internal;

namespace Overal.Channels.Amazon;

/// <summary>
/// Amazon Selling Partner API adapter (seller SKU = our SKU). Small pushes go out as one patchListingsItem per SKU;
/// larger ones as one JSON_LISTINGS_FEED, returned as a <see cref="PushJob"/> that the hub tracks until the feed ends.
/// Either way an item is confirmed only on ACCEPTED, or on a DONE feed with no ERROR issue for its message. Orders
/// come from Orders v0 polling; cancellations go out as POST_ORDER_ACKNOWLEDGEMENT_DATA feeds (StatusCode Failure).
/// </summary>
public sealed partial class AmazonAdapter : IChannelAdapter
{
    private const string AvailabilityPath = "/attributes/fulfillment_availability";
    private const string OfferPath = "/attributes/purchasable_offer";
    private readonly AmazonAdapterOptions _options;
    private readonly TimeProvider _time;
    private readonly AmazonApi _api;

    public AmazonAdapter(HttpClient http, AmazonAdapterOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _api = new AmazonApi(http, options, _time);
    }

    public string ChannelId => "amazon";

    public ChannelCapabilities Capabilities =>
        ChannelCapabilities.PushStock | ChannelCapabilities.PushPrice | ChannelCapabilities.ImportOrders
        | ChannelCapabilities.ConfirmShipment | ChannelCapabilities.CancelOrder | ChannelCapabilities.ReadBackStock;

    /// <summary>A JSON_LISTINGS_FEED takes up to 25,000 messages; below <see cref="AmazonAdapterOptions.FeedThreshold"/> patches are used.</summary>
    public int MaxBatchSize => 25_000;

    public int TokenRequests => _api.Tokens.Requests;

    private string[] Marketplaces => _options.MarketplaceIds is { Length: > 0 } ids ? ids : ["A1805IZSGTT6HS"];

    public Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken) =>
        PushAsync([.. updates.Select(u =>
        {
            var quantity = Math.Max(0, u.Quantity);
            var patch = new JsonObject
            {
                ["op"] = "replace",
                ["path"] = AvailabilityPath,
                ["value"] = new JsonArray(new JsonObject { ["fulfillment_channel_code"] = "DEFAULT", ["quantity"] = quantity }),
            };
            return new ListingChange(u.Sku, patch, quantity, null);
        })], cancellationToken);

    public Task<PushResult> PushPricesAsync(IReadOnlyList<PriceUpdate> updates, CancellationToken cancellationToken) =>
        PushAsync([.. updates.Select(u =>
        {
            var price = Math.Round(u.Price, 2, MidpointRounding.AwayFromZero);
            var patch = new JsonObject
            {
                ["op"] = "replace",
                ["path"] = OfferPath,
                ["value"] = new JsonArray([.. Marketplaces.Select(m => (JsonNode)new JsonObject
                {
                    ["marketplace_id"] = m,
                    ["currency"] = "EUR",
                    ["our_price"] = new JsonArray(new JsonObject { ["schedule"] = new JsonArray(new JsonObject { ["value_with_tax"] = price }) }),
                })]),
            };
            return new ListingChange(u.Sku, patch, null, u.Currency != "EUR" ? $"Amazon NL/BE sells in EUR, not {u.Currency}" : price <= 0 ? "price must be above 0" : null);
        })], cancellationToken);

    private async Task<PushResult> PushAsync(IReadOnlyList<ListingChange> changes, CancellationToken cancellationToken)
    {
        var callsBefore = _api.Calls;
        var results = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        foreach (var bad in changes.Where(c => c.Invalid is not null)) results[bad.Sku] = new(bad.Sku, ItemOutcome.Rejected, bad.Invalid, null);
        var valid = changes.Where(c => c.Invalid is null).ToList();
        PushJob? job = null;
        TimeSpan? retryAfter;
        if (valid.Count > _options.FeedThreshold) (job, retryAfter) = await SubmitListingsFeedAsync(valid, results, cancellationToken);
        else retryAfter = await PatchEachAsync(valid, results, cancellationToken);
        var inFlight = job?.Skus.ToHashSet(StringComparer.Ordinal) ?? [];
        return new PushResult(
            [.. changes.Where(c => !inFlight.Contains(c.Sku))
                .Select(c => results.TryGetValue(c.Sku, out var r) ? r : new ItemResult(c.Sku, ItemOutcome.RetryLater, "not sent", null))],
            retryAfter, _api.Calls - callsBefore) { Job = job };
    }

    private async Task<TimeSpan?> PatchEachAsync(List<ListingChange> changes, Dictionary<string, ItemResult> results, CancellationToken cancellationToken)
    {
        TimeSpan? retryAfter = null;
        var gate = new Lock();
        var marketplaces = Uri.EscapeDataString(string.Join(',', Marketplaces));
        await Parallel.ForEachAsync(changes, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (change, ct) =>
            {
                ItemResult result;
                try
                {
                    var body = new JsonObject { ["productType"] = _options.ProductType, ["patches"] = new JsonArray(change.Patch.DeepClone()) };
                    var response = await _api.SendAsync("patchListingsItem", HttpMethod.Patch,
                        $"listings/2021-08-01/items/{Uri.EscapeDataString(_options.SellerId)}/{Uri.EscapeDataString(change.Sku)}?marketplaceIds={marketplaces}", body, ct);
                    var status = response.IsSuccess ? response.Json?["status"]?.ToString() : null;
                    result = status == "ACCEPTED"
                        ? new ItemResult(change.Sku, ItemOutcome.Confirmed, null, change.Quantity)
                        : new ItemResult(change.Sku, ItemOutcome.Rejected, status == "INVALID" ? Issues(response.Json?["issues"]) : AmazonApi.Errors(response.Body), null);
                }
                catch (AmazonUnavailableException e)
                {
                    result = new ItemResult(change.Sku, ItemOutcome.RetryLater, e.Message, null);
                    lock (gate)
                    {
                        if (e.RetryAfter is { } a && (retryAfter is null || a > retryAfter)) retryAfter = a;
                    }
                }
                lock (gate) results[change.Sku] = result;
            });
        return retryAfter ?? (results.Values.Any(r => r.Outcome == ItemOutcome.RetryLater) ? TimeSpan.FromSeconds(1) : null);
    }

    private static string Issues(JsonNode? issues) =>
        string.Join("; ", (issues as JsonArray ?? []).Select(i => $"{i?["code"]}: {i?["message"]}"));

    /// <summary>One SKU's patch; <c>Invalid</c> stops it before sending.</summary>
    private sealed record ListingChange(string Sku, JsonObject Patch, int? Quantity, string? Invalid);
}
