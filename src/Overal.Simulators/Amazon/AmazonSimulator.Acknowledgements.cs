using System.Globalization;
using System.Xml.Linq;

namespace Overal.Simulators.Amazon;

public sealed partial class AmazonSimulator
{
    /// <summary>
    /// A POST_ORDER_ACKNOWLEDGEMENT_DATA feed: the envelope is validated against the XSDs first; an invalid document is
    /// rejected whole (the report lists each schema error, nothing changes), as Amazon rejects a feed that fails its
    /// XSD. A valid one is applied message by message: StatusCode Failure cancels the listed items (Quantity units, or
    /// what is still open), or the whole order when no item is listed; Success only acknowledges. The report is an
    /// AmazonEnvelope with a ProcessingReport (ProcessingReport.xsd), one Result per message that failed.
    /// </summary>
    private (byte[] Report, string ContentType, bool Fatal) ProcessAcknowledgements(AmazonFeed feed, byte[] input)
    {
        var results = new List<(int MessageId, string Code, string Description, string? OrderId)>();
        var (document, errors) = Acknowledgements.Validate(input);
        int processed = 0, failed = 0;
        var now = _time.GetUtcNow();
        if (errors.Count > 0)
        {
            results.AddRange(errors.Select(e => (0, "5000", "XML Parsing Error: " + e, (string?)null)));
        }
        else if (document!.Root?.Element("Header")?.Element("MerchantIdentifier")?.Value != Options.SellerId)
        {
            results.Add((0, "5001", "MerchantIdentifier does not match the selling partner.", null));
        }
        else
        {
            foreach (var message in document.Root!.Elements("Message"))
            {
                processed++;
                var messageId = int.Parse(message.Element("MessageID")!.Value, CultureInfo.InvariantCulture);
                var ack = message.Element("OrderAcknowledgement");
                var error = ack is null ? "The message holds no OrderAcknowledgement." : Acknowledge(ack, now);
                if (error is null) continue;
                failed++;
                results.Add((messageId, "25", error, ack?.Element("AmazonOrderID")?.Value));
            }
        }
        var rejected = errors.Count > 0 || processed == 0;
        var report = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("AmazonEnvelope",
                new XElement("Header", new XElement("DocumentVersion", "1.02"), new XElement("MerchantIdentifier", Options.SellerId)),
                new XElement("MessageType", "ProcessingReport"),
                new XElement("Message",
                    new XElement("MessageID", 1),
                    new XElement("ProcessingReport",
                        new XElement("DocumentTransactionID", feed.FeedId),
                        new XElement("StatusCode", rejected && errors.Count > 0 ? "Rejected" : "Complete"),
                        new XElement("ProcessingSummary",
                            new XElement("MessagesProcessed", processed),
                            new XElement("MessagesSuccessful", processed - failed),
                            new XElement("MessagesWithError", errors.Count > 0 ? results.Count : failed),
                            new XElement("MessagesWithWarning", 0)),
                        results.Select(r => new XElement("Result",
                            new XElement("MessageID", r.MessageId),
                            new XElement("ResultCode", "Error"),
                            new XElement("ResultMessageCode", r.Code),
                            new XElement("ResultDescription", r.Description),
                            r.OrderId is null ? null : new XElement("AdditionalInfo", new XElement("AmazonOrderID", r.OrderId))))))));
        using var buffer = new MemoryStream();
        report.Save(buffer);
        // An invalid document is not FATAL on Amazon: the feed is DONE and its report says what was wrong.
        return (buffer.ToArray(), "text/xml; charset=UTF-8", false);
    }

    /// <returns>Null when applied, else why not.</returns>
    private string? Acknowledge(XElement ack, DateTimeOffset now)
    {
        var orderId = ack.Element("AmazonOrderID")!.Value;
        if (!_orders.TryGetValue(orderId, out var order)) return $"Order {orderId} was not found for this seller.";
        if (ack.Element("StatusCode")!.Value != "Failure") return null;
        var items = ack.Elements("Item").ToList();
        var cancels = new List<(AmazonOrderItem Item, int Quantity)>();
        if (items.Count == 0)
        {
            cancels.AddRange(order.Items.Where(i => i.Open > 0).Select(i => (i, i.Open)));
        }
        foreach (var element in items)
        {
            var code = element.Element("AmazonOrderItemCode")!.Value;
            var item = order.Items.FirstOrDefault(i => i.OrderItemId == code);
            if (item is null) return $"Order item {code} is not part of order {orderId}.";
            if (element.Element("CancelReason") is null) return $"Order item {code}: a Failure acknowledgement needs a CancelReason.";
            var quantity = element.Element("Quantity") is { } q ? int.Parse(q.Value, CultureInfo.InvariantCulture) : item.Open;
            // An item already cancelled that far: a resubmitted acknowledgement, a no-op rather than an error.
            if (item.Open == 0 && item.QuantityCancelled >= quantity) continue;
            if (quantity > item.Open) return $"Order item {code} has only {item.Open} unit(s) open to cancel (shipped units cannot be cancelled).";
            cancels.Add((item, quantity));
        }
        foreach (var (item, quantity) in cancels) item.QuantityCancelled += quantity;
        if (cancels.Any(c => c.Quantity > 0)) order.LastUpdateDate = now;
        return null;
    }

    /// <summary>Cancelled units per order item (tests).</summary>
    public IReadOnlyDictionary<string, int> CancelledUnits(string amazonOrderId)
    {
        lock (_gate)
        {
            SettleFeeds();
            return _orders.TryGetValue(amazonOrderId, out var o) ? o.Items.ToDictionary(i => i.OrderItemId, i => i.QuantityCancelled) : new Dictionary<string, int>();
        }
    }
}
