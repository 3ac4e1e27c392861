using System.Globalization;
using CsvHelper;
using System.Text;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Bol;

public sealed partial class BolSimulator
{
    private IResult UpdateStock(BolCall call)
    {
        var offerId = call.Route("offerId");
        var amount = call.Body!["amount"]!.GetValue<int>();
        var managed = call.Body["managedByRetailer"]!.GetValue<bool>();
        var process = Queue("UPDATE_OFFER_STOCK", offerId, $"Example process status description for processing {offerId}.", () =>
        {
            if (!_offers.TryGetValue(offerId, out var offer)) return $"Offer with id {offerId} does not exist.";
            offer.Amount = amount;
            offer.ManagedByRetailer = managed;
            offer.LastStockUpdate = _time.GetUtcNow();
            return null;
        });
        return Accepted(call, process);
    }

    private IResult UpdatePrice(BolCall call)
    {
        var offerId = call.Route("offerId");
        var bundles = call.Body!["pricing"]!["bundlePrices"]!.AsArray();
        var single = bundles.FirstOrDefault(b => b!["quantity"]!.GetValue<int>() == 1);
        var process = Queue("UPDATE_OFFER_PRICE", offerId, $"Example process status description for processing {offerId}.", () =>
        {
            if (!_offers.TryGetValue(offerId, out var offer)) return $"Offer with id {offerId} does not exist.";
            if (single is null) return "A bundle price with quantity 1 is required.";
            offer.Price = single["unitPrice"]!.GetValue<decimal>();
            return null;
        });
        return Accepted(call, process);
    }

    private IResult GetOffer(BolCall call)
    {
        if (!_offers.TryGetValue(call.Route("offerId"), out var offer))
        {
            return BolProblems.Create(call.Request, 404, "Not Found", $"Offer with id {call.Route("offerId")} does not exist.");
        }
        return Json(new JsonObject
        {
            ["offerId"] = offer.OfferId,
            ["ean"] = offer.Ean,
            ["reference"] = offer.Reference,
            ["onHoldByRetailer"] = false,
            ["pricing"] = new JsonObject { ["bundlePrices"] = new JsonArray(new JsonObject { ["quantity"] = 1, ["unitPrice"] = offer.Price }) },
            ["stock"] = new JsonObject
            {
                ["amount"] = offer.Amount,
                ["correctedStock"] = CorrectedStock(offer),
                ["managedByRetailer"] = offer.ManagedByRetailer,
            },
            ["fulfilment"] = new JsonObject { ["method"] = "FBR", ["deliveryCode"] = "1-2d" },
            ["store"] = new JsonObject { ["productTitle"] = offer.Title, ["visible"] = new JsonArray(new JsonObject { ["countryCode"] = "NL" }) },
            ["condition"] = new JsonObject { ["name"] = "NEW", ["category"] = "NEW" },
            ["notPublishableReasons"] = new JsonArray(),
        });
    }

    /// <summary>What bol still sells: the amount minus open order units placed since the last stock update (managedByRetailer).</summary>
    private int CorrectedStock(BolOffer offer)
    {
        var open = _orders.Values
            .Where(o => !offer.ManagedByRetailer || o.PlacedAt >= offer.LastStockUpdate)
            .SelectMany(o => o.Items)
            .Where(i => i.Offer == offer && i.IsOpen)
            .Sum(i => i.Quantity - i.QuantityShipped - i.QuantityCancelled);
        return Math.Max(0, offer.Amount - open);
    }

    private IResult CreateExport(BolCall call)
    {
        var reportId = NextId();
        _offerExportsRequested++;
        var process = Queue("CREATE_OFFER_EXPORT", reportId, "Example process status description for processing offer export.", () =>
        {
            _exports[reportId] = ExportCsv();
            return null;
        }, Options.ExportProcessingDelay);
        return Accepted(call, process);
    }

    private IResult GetExport(BolCall call) =>
        _exports.TryGetValue(call.Route("reportId"), out var csv)
            ? Results.Content(csv, "application/vnd.retailer.v10+csv", Encoding.UTF8)
            : BolProblems.Create(call.Request, 404, "Not Found", $"Report {call.Route("reportId")} not found or not ready.");

    // The v10 spec does not list the export's columns; these follow bol's published CSV export (UNCONFIRMED in detail).
    // Written as RFC 4180 (a field with a comma, quote or line break is quoted), as any CSV the retailer's comments
    // end up in must be.
    private static readonly string[] ExportColumns =
    [
        "offerId", "ean", "conditionName", "conditionCategory", "conditionComment", "bundlePricesPrice", "fulfilmentDeliveryCode",
        "stockAmount", "onHoldByRetailer", "fulfilmentType", "mutationDateTime", "referenceCode", "correctedStock",
    ];

    private string ExportCsv()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            csv.WriteHeader(ExportColumns);
            foreach (var o in _offers.Values.OrderBy(o => o.Reference, StringComparer.Ordinal))
            {
                csv.WriteRecord(
                [
                    o.OfferId, o.Ean, "NEW", "NEW", o.ConditionComment, o.Price.ToString(CultureInfo.InvariantCulture), "1-2d",
                    o.Amount.ToString(CultureInfo.InvariantCulture), "false", "FBR",
                    o.LastStockUpdate.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), o.Reference,
                    CorrectedStock(o).ToString(CultureInfo.InvariantCulture),
                ]);
            }
        }
        return text.ToString();
    }
}
