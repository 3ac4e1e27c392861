using System.Text.Json.Nodes;

namespace Overal.Simulators.Amazon;

public sealed partial class AmazonSimulator
{
    private const string ListingsFeed = "JSON_LISTINGS_FEED";
    private const string AcknowledgementFeed = "POST_ORDER_ACKNOWLEDGEMENT_DATA";

    private IResult CreateFeedDocument(AmazonCall call)
    {
        if (call.Body?["contentType"]?.ToString() is not { Length: > 0 } contentType)
        {
            return AmazonErrors.Create(400, "InvalidInput", "contentType is required.", "contentType");
        }
        var id = "amzn1.tortuga.4." + Guid.NewGuid().ToString("N");
        _documents[id] = new AmazonFeedDocument { ContentType = contentType };
        return Json(new JsonObject { ["feedDocumentId"] = id, ["url"] = $"{call.BaseUrl}/s3/{id}" }, 201);
    }

    private IResult GetFeedDocument(AmazonCall call)
    {
        if (!_documents.TryGetValue(call.Route("documentId"), out var document)) return AmazonErrors.Create(404, "NotFound", "The requested feed document was not found.");
        var json = new JsonObject { ["feedDocumentId"] = call.Route("documentId"), ["url"] = $"{call.BaseUrl}/s3/{call.Route("documentId")}" };
        if (document.CompressionAlgorithm is { } algorithm) json["compressionAlgorithm"] = algorithm;
        return Json(json);
    }

    private async Task<IResult> Upload(HttpContext context, CancellationToken cancellationToken)
    {
        var id = context.Request.RouteValues["documentId"]!.ToString()!;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        lock (_gate)
        {
            if (!_documents.TryGetValue(id, out var document)) return Results.StatusCode(403);
            // The pre-signed URL signs the Content-Type declared in createFeedDocument, byte for byte
            // ("charset=utf-8" is not "charset=UTF-8"): S3 refuses anything else.
            var sent = context.Request.Headers.ContentType.ToString();
            if (!string.Equals(sent, document.ContentType, StringComparison.Ordinal))
            {
                return Results.Content(
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Content-Type '{sent}' was sent; the URL was signed for '{document.ContentType}'.</Message></Error>",
                    "application/xml", statusCode: 403);
            }
            document.Content = buffer.ToArray();
        }
        return Results.Ok();
    }

    private IResult Download(HttpContext context)
    {
        var id = context.Request.RouteValues["documentId"]!.ToString()!;
        lock (_gate)
        {
            SettleFeeds();
            return _documents.TryGetValue(id, out var document) && document.Content is not null
                ? Results.Bytes(document.Content, document.ContentType)
                : Results.StatusCode(403);
        }
    }

    private IResult CreateFeed(AmazonCall call)
    {
        var feedType = call.Body?["feedType"]?.ToString();
        var marketplaces = (call.Body?["marketplaceIds"] as JsonArray ?? []).Select(m => m!.ToString()).ToArray();
        var input = call.Body?["inputFeedDocumentId"]?.ToString() ?? "";
        if (feedType is not (ListingsFeed or AcknowledgementFeed))
        {
            return AmazonErrors.Create(400, "InvalidInput", $"Feed type '{feedType}' is not simulated; use {ListingsFeed} or {AcknowledgementFeed}.", "feedType");
        }
        if (marketplaces.Length == 0 || marketplaces.Any(m => !Options.Marketplaces.Contains(m)))
        {
            return AmazonErrors.Create(400, "InvalidInput", "marketplaceIds must name this seller's marketplaces.", "marketplaceIds");
        }
        if (!_documents.TryGetValue(input, out var content) || content.Content is null)
        {
            return AmazonErrors.Create(400, "InvalidInput", "inputFeedDocumentId does not name an uploaded feed document.", "inputFeedDocumentId");
        }
        var now = _time.GetUtcNow();
        var feed = new AmazonFeed
        {
            FeedId = NextId(), FeedType = feedType, MarketplaceIds = marketplaces, InputDocumentId = input,
            CreatedAt = now, DueAt = now + Options.FeedProcessingDelay,
        };
        _feeds[feed.FeedId] = feed;
        return Json(new JsonObject { ["feedId"] = feed.FeedId }, 202);
    }

    private IResult GetFeed(AmazonCall call)
    {
        if (!_feeds.TryGetValue(call.Route("feedId"), out var feed)) return AmazonErrors.Create(404, "NotFound", "The requested feed was not found.");
        var json = new JsonObject
        {
            ["feedId"] = feed.FeedId,
            ["feedType"] = feed.FeedType,
            ["marketplaceIds"] = new JsonArray([.. feed.MarketplaceIds.Select(m => (JsonNode)m)]),
            ["createdTime"] = Iso(feed.CreatedAt),
            ["processingStatus"] = feed.Status,
        };
        if (feed.EndedAt is { } ended)
        {
            json["processingStartTime"] = Iso(feed.DueAt);
            json["processingEndTime"] = Iso(ended);
        }
        if (feed.ResultDocumentId is not null) json["resultFeedDocumentId"] = feed.ResultDocumentId;
        return Json(json);
    }

    /// <summary>The feeds submitted so far of one type, oldest first, with their status (tests).</summary>
    public IReadOnlyList<(string FeedId, string Status)> Feeds(string feedType)
    {
        lock (_gate)
        {
            SettleFeeds();
            return [.. _feeds.Values.Where(f => f.FeedType == feedType).OrderBy(f => f.CreatedAt).Select(f => (f.FeedId, f.Status))];
        }
    }

    /// <summary>Processes every feed whose time has come (under the lock) and stores its processing report.</summary>
    private void SettleFeeds()
    {
        var now = _time.GetUtcNow();
        foreach (var feed in _feeds.Values.Where(f => f.Status == "IN_QUEUE" && f.DueAt <= now))
        {
            var input = _documents[feed.InputDocumentId].Content!;
            var (report, contentType, fatal) = feed.FeedType == AcknowledgementFeed ? ProcessAcknowledgements(feed, input) : ProcessListings(feed, input);
            var resultId = "amzn1.tortuga.4." + Guid.NewGuid().ToString("N");
            _documents[resultId] = Options.CompressReports
                ? new AmazonFeedDocument { ContentType = contentType, Content = Gzip(report), CompressionAlgorithm = "GZIP" }
                : new AmazonFeedDocument { ContentType = contentType, Content = report };
            feed.ResultDocumentId = resultId;
            feed.Status = fatal ? "FATAL" : "DONE";
            feed.EndedAt = now;
        }
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal)) gzip.Write(content);
        return buffer.ToArray();
    }

    /// <summary>A JSON_LISTINGS_FEED: schema check, then each message; the report is the JSON processing report.</summary>
    private (byte[] Report, string ContentType, bool Fatal) ProcessListings(AmazonFeed feed, byte[] input)
    {
        var issues = new JsonArray();
        int processed = 0, accepted = 0, invalid = 0;
        JsonNode? document = null;
        try
        {
            document = JsonNode.Parse(input);
        }
        catch (System.Text.Json.JsonException e)
        {
            issues.Add(FeedIssue(0, "4000004", "Feed document is not valid JSON: " + e.Message));
        }
        foreach (var v in document is null ? [] : Validator.ValidateDocument(ListingsFeedSchema, document, $"feed {feed.FeedId}"))
        {
            issues.Add(FeedIssue(0, "4000004", $"{v.Name}: {v.Reason}"));
        }
        if (document is not null && document["header"]?["sellerId"]?.ToString() != Options.SellerId)
        {
            issues.Add(FeedIssue(0, "4000003", "header.sellerId does not match the selling partner."));
        }
        var fatal = issues.Count > 0;
        if (!fatal)
        {
            foreach (var message in document!["messages"]!.AsArray())
            {
                processed++;
                var found = ProcessMessage(message!);
                var messageId = message!["messageId"]!.GetValue<int>();
                foreach (var issue in found)
                {
                    issue["messageId"] = messageId;
                    issues.Add(issue);
                }
                if (found.Count == 0) accepted++;
                else invalid++;
            }
        }
        var report = new JsonObject
        {
            ["header"] = new JsonObject { ["sellerId"] = Options.SellerId, ["version"] = "2.0", ["feedId"] = feed.FeedId },
            ["issues"] = issues,
            ["summary"] = new JsonObject
            {
                ["errors"] = issues.Count, ["warnings"] = 0, ["messagesProcessed"] = processed,
                ["messagesAccepted"] = accepted, ["messagesInvalid"] = invalid,
            },
        };
        return (System.Text.Encoding.UTF8.GetBytes(report.ToJsonString()), "application/json", fatal);
    }

    private List<JsonObject> ProcessMessage(JsonNode message)
    {
        var sku = message["sku"]!.GetValue<string>();
        if (!_listings.TryGetValue(sku, out var listing))
        {
            return [Issue("4000001", $"SKU '{sku}' does not exist for this selling partner in the marketplace.", null)];
        }
        var patches = message["operationType"]!.GetValue<string>() switch
        {
            "PATCH" => message["patches"]!.AsArray(),
            "DELETE" => null,
            _ => new JsonArray([.. (message["attributes"] as JsonObject ?? []).Select(a => (JsonNode)new JsonObject
            {
                ["op"] = "replace", ["path"] = "/attributes/" + a.Key, ["value"] = a.Value?.DeepClone(),
            })]),
        };
        if (patches is null)
        {
            _listings.Remove(sku);
            return [];
        }
        return ApplyPatches(listing, patches);
    }

    private static JsonObject FeedIssue(int messageId, string code, string message) => new()
    {
        ["messageId"] = messageId, ["code"] = code, ["severity"] = "ERROR", ["message"] = message,
    };
}
