using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using Overal.Channels.Abstractions;
using Overal.Channels.Amazon.Internal;

namespace Overal.Channels.Amazon;

public sealed partial class AmazonAdapter
{
    private const string AcknowledgementContentType = "text/xml; charset=UTF-8";

    // Cancellation → the acknowledgement feed submitted for it, so the hub's next attempt asks about that feed
    // instead of submitting another. Lost on a restart, when at most one duplicate goes out: Amazon (and the
    // simulator) treat acknowledging an already-cancelled item again as a no-op.
    private readonly ConcurrentDictionary<string, string> _cancellationFeeds = new(StringComparer.Ordinal);

    /// <summary>
    /// Cancels through a POST_ORDER_ACKNOWLEDGEMENT_DATA feed (release_4_1 OrderAcknowledgement.xsd): StatusCode
    /// Failure with one Item per cancelled line (AmazonOrderItemCode, CancelReason, Quantity), which covers a whole
    /// order and part of one alike. A feed takes minutes, so the first call submits it and answers "come back" (a
    /// wait, not a failed attempt); later calls read the feed until its processing report says done or what failed.
    /// </summary>
    public async Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        var key = string.Join('|', [cancellation.ExternalOrderId, cancellation.ReasonCode, .. cancellation.Lines.Select(l => $"{l.ExternalLineId}x{l.Quantity}")]);
        try
        {
            if (!_cancellationFeeds.TryGetValue(key, out var feedId))
            {
                if (cancellation.Lines.Count == 0) return new ChannelActionResult(false, false, "A cancellation needs at least one line.");
                feedId = await SubmitFeedAsync("POST_ORDER_ACKNOWLEDGEMENT_DATA", AcknowledgementContentType, Acknowledgement(cancellation), cancellationToken);
                _cancellationFeeds[key] = feedId;
                return Waiting(feedId);
            }
            var (status, report) = await ReadFeedAsync(feedId, cancellationToken);
            if (status is "IN_QUEUE" or "IN_PROGRESS") return Waiting(feedId);
            _cancellationFeeds.TryRemove(key, out _);
            if (status != "DONE") return new ChannelActionResult(false, true, $"Acknowledgement feed {feedId} ended {status ?? "unknown"}; it will be sent again.");
            if (report is null) return new ChannelActionResult(false, true, $"Acknowledgement feed {feedId} is DONE but its processing report could not be read.");
            var errors = ReportErrors(report);
            return errors.Count == 0
                ? ChannelActionResult.Ok
                : new ChannelActionResult(false, false, $"Amazon refused the cancellation (feed {feedId}): {string.Join("; ", errors)}");
        }
        catch (AmazonUnavailableException e)
        {
            return new ChannelActionResult(false, true, e.Message, e.ThrottledFor);
        }
    }

    private ChannelActionResult Waiting(string feedId) =>
        new(false, true, $"Acknowledgement feed {feedId} submitted; waiting for Amazon to process it.", _options.FeedPollInterval);

    /// <summary>The hub's reason as the XSD's CancelReason enumeration.</summary>
    internal static string CancelReason(string reasonCode) => reasonCode switch
    {
        "out_of_stock" => "NoInventory",
        "requested_by_customer" => "BuyerCanceled",
        // The unit cannot be there in time to ship: to Amazon that is a stock problem.
        "not_available_in_time" => "NoInventory",
        _ => "GeneralAdjustment",
    };

    private byte[] Acknowledgement(OrderCancellation cancellation)
    {
        var envelope = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("AmazonEnvelope",
                new XElement("Header", new XElement("DocumentVersion", "1.01"), new XElement("MerchantIdentifier", _options.SellerId)),
                new XElement("MessageType", "OrderAcknowledgement"),
                new XElement("Message",
                    new XElement("MessageID", 1),
                    new XElement("OrderAcknowledgement",
                        new XElement("AmazonOrderID", cancellation.ExternalOrderId),
                        new XElement("StatusCode", "Failure"),
                        cancellation.Lines.Select(l => new XElement("Item",
                            new XElement("AmazonOrderItemCode", l.ExternalLineId),
                            new XElement("CancelReason", CancelReason(cancellation.ReasonCode)),
                            new XElement("Quantity", l.Quantity)))))));
        using var buffer = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(buffer, new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            envelope.Save(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>The ProcessingReport's Error results (ProcessingReport.xsd), or its Rejected status.</summary>
    private static List<string> ReportErrors(byte[] report)
    {
        var processing = XDocument.Load(new MemoryStream(report)).Descendants("ProcessingReport").FirstOrDefault();
        if (processing is null) return ["the processing report holds no ProcessingReport"];
        var errors = processing.Elements("Result")
            .Where(r => r.Element("ResultCode")?.Value == "Error")
            .Select(r => $"{r.Element("ResultMessageCode")?.Value}: {r.Element("ResultDescription")?.Value}")
            .ToList();
        if (errors.Count == 0 && processing.Element("StatusCode")?.Value == "Rejected") errors.Add("the feed was rejected");
        return errors;
    }
}
