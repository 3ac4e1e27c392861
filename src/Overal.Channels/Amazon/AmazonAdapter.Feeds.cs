using System.Text;
using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Amazon.Internal;

namespace Overal.Channels.Amazon;

public sealed partial class AmazonAdapter : IPushJobTracker
{
    private const string FeedsPath = "feeds/2021-06-30/";
    private const string ListingsContentType = "application/json; charset=UTF-8";

    /// <summary>
    /// createFeedDocument → upload → createFeed, then returns at once: the feed takes minutes, so its SKUs are handed
    /// back as a <see cref="PushJob"/> (the feedId) for the hub to hold and ask about (<see cref="CheckPushJobAsync"/>),
    /// never waited for here and never submitted twice.
    /// </summary>
    private async Task<(PushJob? Job, TimeSpan? RetryAfter)> SubmitListingsFeedAsync(List<ListingChange> changes, Dictionary<string, ItemResult> results, CancellationToken cancellationToken)
    {
        var document = new JsonObject
        {
            ["header"] = new JsonObject { ["sellerId"] = _options.SellerId, ["version"] = "2.0", ["issueLocale"] = "en_US" },
            ["messages"] = new JsonArray([.. changes.Select((c, i) => (JsonNode)new JsonObject
            {
                ["messageId"] = i + 1,
                ["sku"] = c.Sku,
                ["operationType"] = "PATCH",
                ["productType"] = _options.ProductType,
                ["patches"] = new JsonArray(c.Patch.DeepClone()),
            })]),
        };
        try
        {
            var feedId = await SubmitFeedAsync("JSON_LISTINGS_FEED", ListingsContentType, Encoding.UTF8.GetBytes(document.ToJsonString()), cancellationToken);
            return (new PushJob(feedId, [.. changes.Select(c => c.Sku)], _options.FeedPollInterval), null);
        }
        catch (AmazonUnavailableException e)
        {
            foreach (var c in changes) results[c.Sku] = new ItemResult(c.Sku, ItemOutcome.RetryLater, e.Message, null);
            return (null, e.RetryAfter ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// getFeed: while IN_QUEUE or IN_PROGRESS, ask again later. DONE: a SKU is confirmed unless the processing report
    /// (GZIP-decompressed when compressionAlgorithm says so) has an ERROR issue for its message, which rejects it.
    /// FATAL or CANCELLED: every SKU is RetryLater, and since the feed has ended a new push is safe.
    /// </summary>
    public async Task<PushJobCheck> CheckPushJobAsync(PushJob job, CancellationToken cancellationToken)
    {
        var callsBefore = _api.Calls;
        PushResult All(ItemOutcome outcome, string error) =>
            new([.. job.Skus.Select(s => new ItemResult(s, outcome, error, null))], null, _api.Calls - callsBefore);
        try
        {
            var (status, report) = await ReadFeedAsync(job.JobId, cancellationToken);
            switch (status)
            {
                case null:
                    return new PushJobCheck(All(ItemOutcome.RetryLater, $"feed {job.JobId} is unknown to Amazon"), TimeSpan.Zero);
                case "IN_QUEUE" or "IN_PROGRESS":
                    return new PushJobCheck(null, _options.FeedPollInterval);
                case not "DONE":
                    var issues = report is null ? "" : ": " + Issues(JsonNode.Parse(report)?["issues"]);
                    return new PushJobCheck(All(ItemOutcome.RetryLater, $"feed {job.JobId} {status}{issues}"), TimeSpan.Zero);
            }
            var errors = (report is null ? null : JsonNode.Parse(report)?["issues"] as JsonArray ?? [])?
                .Where(i => i?["severity"]?.ToString() == "ERROR")
                .GroupBy(i => i!["messageId"]?.GetValue<int>() ?? 0)
                .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(i => $"{i?["code"]}: {i?["message"]}")));
            if (errors is null) return new PushJobCheck(All(ItemOutcome.RetryLater, $"feed {job.JobId} is DONE but its report could not be read"), TimeSpan.Zero);
            return new PushJobCheck(new PushResult([.. job.Skus.Select((sku, i) => errors.TryGetValue(i + 1, out var error)
                ? new ItemResult(sku, ItemOutcome.Rejected, error, null)
                : new ItemResult(sku, ItemOutcome.Confirmed, null, null))], null, _api.Calls - callsBefore), TimeSpan.Zero);
        }
        catch (AmazonUnavailableException e)
        {
            return new PushJobCheck(null, e.RetryAfter ?? _options.FeedPollInterval);
        }
    }

    /// <returns>The feedId.</returns>
    private async Task<string> SubmitFeedAsync(string feedType, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        var created = await _api.SendAsync("createFeedDocument", HttpMethod.Post, FeedsPath + "documents",
            new JsonObject { ["contentType"] = contentType }, cancellationToken);
        if (!created.IsSuccess) throw new InvalidOperationException("createFeedDocument refused: " + AmazonApi.Errors(created.Body));
        await _api.UploadAsync(new Uri(created.Json!["url"]!.ToString()), contentType, content, cancellationToken);
        var feed = await _api.SendAsync("createFeed", HttpMethod.Post, FeedsPath + "feeds", new JsonObject
        {
            ["feedType"] = feedType,
            ["marketplaceIds"] = new JsonArray([.. Marketplaces.Select(m => (JsonNode)m)]),
            ["inputFeedDocumentId"] = created.Json["feedDocumentId"]!.ToString(),
        }, cancellationToken);
        if (!feed.IsSuccess) throw new InvalidOperationException("createFeed refused: " + AmazonApi.Errors(feed.Body));
        return feed.Json!["feedId"]!.ToString();
    }

    /// <returns>The processingStatus (null: no such feed) and, once it has one, the processing report's bytes.</returns>
    private async Task<(string? Status, byte[]? Report)> ReadFeedAsync(string feedId, CancellationToken cancellationToken)
    {
        var feed = await _api.SendAsync("getFeed", HttpMethod.Get, $"{FeedsPath}feeds/{Uri.EscapeDataString(feedId)}", null, cancellationToken);
        if (feed.Status == 404) return (null, null);
        if (!feed.IsSuccess) throw new InvalidOperationException("getFeed refused: " + AmazonApi.Errors(feed.Body));
        var status = feed.Json?["processingStatus"]?.ToString();
        if (status is "IN_QUEUE" or "IN_PROGRESS" || feed.Json?["resultFeedDocumentId"]?.ToString() is not { } documentId) return (status, null);
        var document = await _api.SendAsync("getFeedDocument", HttpMethod.Get, $"{FeedsPath}documents/{Uri.EscapeDataString(documentId)}", null, cancellationToken);
        if (!document.IsSuccess || document.Json?["url"]?.ToString() is not { } url) return (status, null);
        return (status, await _api.DownloadAsync(new Uri(url), document.Json["compressionAlgorithm"]?.ToString(), cancellationToken));
    }
}
