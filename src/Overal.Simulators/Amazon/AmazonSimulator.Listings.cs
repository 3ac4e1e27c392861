using System.Text.Json;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Amazon;

public sealed partial class AmazonSimulator
{
    private IResult PatchListing(AmazonCall call)
    {
        if (CheckSellerAndMarketplaces(call, "marketplaceIds") is { } refused) return refused;
        var sku = call.Route("sku");
        var submission = Guid.NewGuid().ToString("N");
        if (!_listings.TryGetValue(sku, out var listing))
        {
            // UNCONFIRMED: how the live API answers a patch for a SKU the seller never listed; an INVALID submission with an ERROR issue here.
            return Submission(sku, "INVALID", submission, [Issue("4000001", $"SKU '{sku}' does not exist for this selling partner in the marketplace.", null)]);
        }
        var issues = ApplyPatches(listing, call.Body!["patches"]!.AsArray());
        if (issues.Count == 0) listing.ProductType = call.Body["productType"]!.GetValue<string>();
        return Submission(sku, issues.Count == 0 ? "ACCEPTED" : "INVALID", submission, issues);
    }

    private IResult GetListing(AmazonCall call)
    {
        if (CheckSellerAndMarketplaces(call, "marketplaceIds") is { } refused) return refused;
        var sku = call.Route("sku");
        if (!_listings.TryGetValue(sku, out var listing))
        {
            return AmazonErrors.Create(404, "NOT_FOUND", $"SKU '{sku}' not found in marketplace {call.Query("marketplaceIds")}");
        }
        var included = call.Query("includedData") is { Length: > 0 } q ? q.Split(',') : ["summaries"];
        var marketplace = call.Query("marketplaceIds").Split(',')[0];
        var item = new JsonObject { ["sku"] = sku };
        if (included.Contains("summaries"))
        {
            item["summaries"] = new JsonArray(new JsonObject
            {
                ["marketplaceId"] = marketplace, ["asin"] = listing.Asin, ["productType"] = listing.ProductType,
                ["conditionType"] = "new_new", ["status"] = new JsonArray("BUYABLE", "DISCOVERABLE"), ["itemName"] = listing.Title,
                ["createdDate"] = Iso(listing.CreatedAt), ["lastUpdatedDate"] = Iso(listing.UpdatedAt),
            });
        }
        if (included.Contains("attributes"))
        {
            item["attributes"] = new JsonObject
            {
                ["fulfillment_availability"] = new JsonArray(new JsonObject { ["fulfillment_channel_code"] = "DEFAULT", ["quantity"] = listing.Quantity }),
                ["purchasable_offer"] = new JsonArray(PriceValue(marketplace, listing.Price)),
            };
        }
        if (included.Contains("fulfillmentAvailability"))
        {
            item["fulfillmentAvailability"] = new JsonArray(new JsonObject { ["fulfillmentChannelCode"] = "DEFAULT", ["quantity"] = listing.Quantity });
        }
        if (included.Contains("issues")) item["issues"] = new JsonArray();
        return Json(item);
    }

    /// <summary>Applies JSON-patch style listing changes all-or-nothing; returns the ERROR issues that stopped it.</summary>
    private List<JsonObject> ApplyPatches(AmazonListing listing, JsonArray patches)
    {
        var issues = new List<JsonObject>();
        int? quantity = null;
        decimal? price = null;
        foreach (var patch in patches)
        {
            var op = patch!["op"]!.GetValue<string>();
            var path = patch["path"]!.GetValue<string>();
            var value = patch["value"] as JsonArray;
            switch (path)
            {
                case "/attributes/fulfillment_availability" when op == "delete":
                    quantity = 0;
                    break;
                case "/attributes/fulfillment_availability":
                    var entry = value?.FirstOrDefault(v => v?["fulfillment_channel_code"]?.ToString() == "DEFAULT");
                    if (entry?["quantity"] is JsonValue q && q.GetValueKind() == JsonValueKind.Number && q.GetValue<double>() is var d && d >= 0 && Math.Floor(d) == d)
                    {
                        quantity = (int)d;
                    }
                    else
                    {
                        issues.Add(Issue("90220", "'fulfillment_availability' needs a DEFAULT entry with a whole, non-negative quantity.", "fulfillment_availability"));
                    }
                    break;
                case "/attributes/purchasable_offer" when op != "delete":
                    var amount = value?.FirstOrDefault()?["our_price"]?[0]?["schedule"]?[0]?["value_with_tax"];
                    if (amount is JsonValue a && a.GetValueKind() == JsonValueKind.Number && a.GetValue<decimal>() > 0) price = a.GetValue<decimal>();
                    else issues.Add(Issue("90220", "'purchasable_offer' needs our_price[0].schedule[0].value_with_tax above 0.", "purchasable_offer"));
                    break;
            }
        }
        if (issues.Count > 0) return issues;
        if (quantity is { } newQuantity) listing.Quantity = newQuantity;
        if (price is { } newPrice) listing.Price = newPrice;
        listing.UpdatedAt = _time.GetUtcNow();
        return issues;
    }

    private IResult? CheckSellerAndMarketplaces(AmazonCall call, string parameter)
    {
        if (call.Route("sellerId") != Options.SellerId)
        {
            return AmazonErrors.Create(403, "Unauthorized", "Access to requested resource is denied.", "The seller id does not belong to this access token.");
        }
        var unknown = call.Query(parameter).Split(',', StringSplitOptions.RemoveEmptyEntries).Where(m => !Options.Marketplaces.Contains(m)).ToList();
        return unknown.Count > 0
            ? AmazonErrors.Create(400, "InvalidInput", $"Invalid marketplace id(s): {string.Join(", ", unknown)}", parameter)
            : null;
    }

    private static JsonObject PriceValue(string marketplace, decimal price) => new()
    {
        ["marketplace_id"] = marketplace,
        ["currency"] = "EUR",
        ["our_price"] = new JsonArray(new JsonObject { ["schedule"] = new JsonArray(new JsonObject { ["value_with_tax"] = price }) }),
    };

    private static JsonObject Issue(string code, string message, string? attribute) => new()
    {
        ["code"] = code,
        ["message"] = message,
        ["severity"] = "ERROR",
        ["attributeNames"] = attribute is null ? new JsonArray() : new JsonArray(attribute),
    };

    private static IResult Submission(string sku, string status, string submissionId, List<JsonObject> issues) => Json(new JsonObject
    {
        ["sku"] = sku,
        ["status"] = status,
        ["submissionId"] = submissionId,
        ["issues"] = new JsonArray([.. issues]),
    });
}
