using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Shopify.Internal;

namespace Overal.Channels.Shopify;

public sealed partial class ShopifyAdapter
{
    /// <summary>
    /// Ships lines through the order's open fulfillment orders with fulfillmentCreate and trackingInfo
    /// {company, number, url}. <see cref="ShipmentConfirmation.ExternalOrderId"/> is the order id from the webhook
    /// (numeric or GID); line ids are the webhook's line_items[].id. The carrier name is passed as is: it must be one
    /// of Shopify's known carrier names (e.g. "PostNL", "DHL Express", "DPD") for a tracking link to be generated.
    /// </summary>
    public async Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken)
    {
        if (await _client.EnsureBucketKnownAsync(cancellationToken) is { } probe) return Failed(probe);

        var orders = await _client.SendAsync(ShopifyQueries.FulfillmentOrders,
            new JsonObject { ["id"] = Gid("Order", shipment.ExternalOrderId) }, ShopifyQueries.FulfillmentOrdersCost, Options.MaxThrottleWait, cancellationToken);
        if (orders.Status != ShopifyCallStatus.Ok) return Failed(orders);
        if (orders.Data!["order"] is not JsonObject order)
        {
            return new ChannelActionResult(false, false, $"Shopify has no order {shipment.ExternalOrderId}.");
        }

        // Open fulfillment-order lines per order line item, to take the shipped quantities from.
        var open = (order["fulfillmentOrders"]?["nodes"] as JsonArray ?? [])
            .Where(fo => fo?["status"]?.ToString() is "OPEN" or "IN_PROGRESS")
            .SelectMany(fo => (fo!["lineItems"]?["nodes"] as JsonArray ?? []).Select(li => new OpenLine(
                fo["id"]!.ToString(), li!["id"]!.ToString(), li["lineItem"]!["id"]!.ToString(), li["remainingQuantity"]!.GetValue<int>())))
            .ToList();
        var picks = new List<(string FulfillmentOrderId, string LineId, int Quantity)>();
        foreach (var line in shipment.Lines)
        {
            var lineGid = Gid("LineItem", line.ExternalLineId);
            var left = line.Quantity;
            foreach (var candidate in open.Where(o => o.LineItemId == lineGid && o.Remaining > 0))
            {
                var take = Math.Min(left, candidate.Remaining);
                picks.Add((candidate.FulfillmentOrderId, candidate.Id, take));
                candidate.Remaining -= take;
                left -= take;
                if (left == 0) break;
            }
            if (left > 0)
            {
                return new ChannelActionResult(false, false, $"Line {line.ExternalLineId} has fewer than {line.Quantity} units left to fulfil on Shopify.");
            }
        }

        var fulfillment = new JsonObject
        {
            ["notifyCustomer"] = true,
            ["trackingInfo"] = new JsonObject { ["company"] = shipment.Carrier, ["number"] = shipment.TrackingNumber, ["url"] = shipment.TrackingUrl },
            ["lineItemsByFulfillmentOrder"] = new JsonArray([.. picks.GroupBy(p => p.FulfillmentOrderId).Select(g => (JsonNode?)new JsonObject
            {
                ["fulfillmentOrderId"] = g.Key,
                ["fulfillmentOrderLineItems"] = new JsonArray([.. g.Select(p => (JsonNode?)new JsonObject { ["id"] = p.LineId, ["quantity"] = p.Quantity })]),
            })]),
        };
        var created = await _client.SendAsync(ShopifyQueries.FulfillmentCreate, new JsonObject { ["fulfillment"] = fulfillment },
            ShopifyQueries.FulfillmentCreateCost, Options.MaxThrottleWait, cancellationToken);
        if (created.Status != ShopifyCallStatus.Ok) return Failed(created);
        var errors = created.Data!["fulfillmentCreate"]?["userErrors"] as JsonArray ?? [];
        return errors.Count == 0
            ? ChannelActionResult.Ok
            : new ChannelActionResult(false, false, string.Join("; ", errors.Select(e => e?["message"]?.ToString())));
    }

    private static ChannelActionResult Failed(ShopifyCallResult result) =>
        new(false, result.Status is not ShopifyCallStatus.Failed, result.Error);

    private static string Gid(string type, string id) =>
        id.StartsWith("gid://", StringComparison.Ordinal) ? id : $"gid://shopify/{type}/{id}";

    private sealed class OpenLine(string fulfillmentOrderId, string id, string lineItemId, int remaining)
    {
        public string FulfillmentOrderId => fulfillmentOrderId;

        public string Id => id;

        public string LineItemId => lineItemId;

        public int Remaining { get; set; } = remaining;
    }
}
