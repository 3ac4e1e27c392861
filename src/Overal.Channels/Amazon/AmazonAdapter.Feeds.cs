using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Amazon.Internal;

namespace Overal.Channels.Amazon;

public sealed partial class AmazonAdapter
{
    /// <summary>
    /// createFeedDocument → upload → createFeed → getFeed until DONE → result document. A message is confirmed only
    /// when the feed is DONE and the report has no ERROR issue for it; FATAL, CANCELLED or a timeout mean RetryLater.
    /// </summary>
    private async Task<TimeSpan?> SubmitFeedAsync(List<ListingChange> changes, Dictionary<string, ItemResult> results, CancellationToken cancellationToken)
    {
        void All(ItemOutcome outcome, string error)
        {
            foreach (var c in changes) results[c.Sku] = new ItemResult(c.Sku, outcome, error, null);
        }
        try
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
            var created = await _api.SendAsync("createFeedDocument", HttpMethod.Post, "feeds/2021-06-30/documents",
                new JsonObject { ["contentType"] = "application/json; charset=UTF-8" }, cancellationToken);
            if (!created.IsSuccess) throw new InvalidOperationException("createFeedDocument refused: " + AmazonApi.Errors(created.Body));
            await _api.TransferAsync(HttpMethod.Put, new Uri(created.Json!["url"]!.ToString()), document.ToJsonString(), cancellationToken);
            var feed = await _api.SendAsync("createFeed", HttpMethod.Post, "feeds/2021-06-30/feeds", new JsonObject
            {
                ["feedType"] = "JSON_LISTINGS_FEED",
                ["marketplaceIds"] = new JsonArray([.. Marketplaces.Select(m => (JsonNode)m)]),
                ["inputFeedDocumentId"] = created.Json["feedDocumentId"]!.ToString(),
            }, cancellationToken);
            if (!feed.IsSuccess) throw new InvalidOperationException("createFeed refused: " + AmazonApi.Errors(feed.Body));
            var feedId = feed.Json!["feedId"]!.ToString();

            var deadline = _time.GetUtcNow() + _options.FeedTimeout;
            JsonNode? state = null;
            while (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(_options.FeedPollInterval, _time, cancellationToken);
                state = (await _api.SendAsync("getFeed", HttpMethod.Get, $"feeds/2021-06-30/feeds/{feedId}", null, cancellationToken)).Json;
                if (state?["processingStatus"]?.ToString() is "DONE" or "FATAL" or "CANCELLED") break;
            }
            var status = state?["processingStatus"]?.ToString();
            if (status is not ("DONE" or "FATAL" or "CANCELLED"))
            {
                All(ItemOutcome.RetryLater, $"feed {feedId} still {status ?? "unknown"} after {_options.FeedTimeout}");
                return _options.FeedPollInterval;
            }
            var report = state!["resultFeedDocumentId"]?.ToString() is { } resultId ? await ReadReportAsync(resultId, cancellationToken) : null;
            if (status != "DONE")
            {
                All(ItemOutcome.RetryLater, $"feed {feedId} {status}: {Issues(report?["issues"])}");
                return _options.FeedPollInterval;
            }
            var errors = (report?["issues"] as JsonArray ?? [])
                .Where(i => i?["severity"]?.ToString() == "ERROR")
                .GroupBy(i => i!["messageId"]?.GetValue<int>() ?? 0)
                .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(i => $"{i?["code"]}: {i?["message"]}")));
            for (var i = 0; i < changes.Count; i++)
            {
                var c = changes[i];
                results[c.Sku] = errors.TryGetValue(i + 1, out var error)
                    ? new ItemResult(c.Sku, ItemOutcome.Rejected, error, null)
                    : new ItemResult(c.Sku, ItemOutcome.Confirmed, null, c.Quantity);
            }
            return null;
        }
        catch (AmazonUnavailableException e)
        {
            All(ItemOutcome.RetryLater, e.Message);
            return e.RetryAfter ?? TimeSpan.FromSeconds(1);
        }
    }

    private async Task<JsonNode?> ReadReportAsync(string documentId, CancellationToken cancellationToken)
    {
        var document = await _api.SendAsync("getFeedDocument", HttpMethod.Get, $"feeds/2021-06-30/documents/{Uri.EscapeDataString(documentId)}", null, cancellationToken);
        if (!document.IsSuccess || document.Json?["url"]?.ToString() is not { } url) return null;
        return JsonNode.Parse(await _api.TransferAsync(HttpMethod.Get, new Uri(url), null, cancellationToken));
    }
}
