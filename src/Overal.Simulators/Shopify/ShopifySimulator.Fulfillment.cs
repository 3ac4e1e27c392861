using System.Text.Json.Nodes;

namespace Overal.Simulators.Shopify;

/// <remarks>order(id:) { fulfillmentOrders } and fulfillmentCreate(fulfillment:) with trackingInfo {company, number, url}.</remarks>
public sealed partial class ShopifySimulator
{
    private JsonObject OrderFulfillmentOrdersQuery(string query, JsonObject? variables)
    {
        var id = ShopifyGraphQlText.Argument(query, "order", "id", variables)?.GetValue<string>();
        lock (_gate)
        {
            if (!ShopifyGid.IsOfType(id, "Order") || !_orders.TryGetValue(ShopifyGid.Parse(id), out var order))
            {
                return Data(new JsonObject { ["order"] = null });
            }
            var remaining = order.Lines.Sum(l => l.Quantity - l.Fulfilled);
            var fulfillmentOrder = new JsonObject
            {
                ["id"] = ShopifyGid.Of("FulfillmentOrder", order.FulfillmentOrderId),
                ["status"] = remaining == 0 ? "CLOSED" : "OPEN",
                ["assignedLocation"] = new JsonObject { ["location"] = new JsonObject { ["id"] = ShopifyGid.Location(_locations[0]) } },
                ["lineItems"] = new JsonObject
                {
                    ["nodes"] = new JsonArray([.. order.Lines.Select(l => (JsonNode?)new JsonObject
                    {
                        ["id"] = ShopifyGid.Of("FulfillmentOrderLineItem", l.FulfillmentOrderLineItemId),
                        ["totalQuantity"] = l.Quantity,
                        ["remainingQuantity"] = l.Quantity - l.Fulfilled,
                        ["lineItem"] = new JsonObject { ["id"] = ShopifyGid.Of("LineItem", l.LineItemId), ["sku"] = l.Variant.Sku },
                    })]),
                },
            };
            return Data(new JsonObject
            {
                ["order"] = new JsonObject
                {
                    ["id"] = ShopifyGid.Of("Order", order.Id),
                    ["name"] = "#" + order.Number,
                    ["fulfillmentOrders"] = new JsonObject { ["nodes"] = new JsonArray(fulfillmentOrder) },
                },
            });
        }
    }

    private JsonObject CreateFulfillment(JsonObject? variables)
    {
        var input = variables?["fulfillment"] as JsonObject;
        var groups = input?["lineItemsByFulfillmentOrder"] as JsonArray ?? [];
        var tracking = input?["trackingInfo"] as JsonObject;
        lock (_gate)
        {
            var errors = new JsonArray();
            var plan = new List<(ShopifyOrderLineRecord Line, int Quantity)>();
            ShopifyOrderRecord? order = null;
            foreach (var group in groups.OfType<JsonObject>())
            {
                var foId = ShopifyGid.Parse(group["fulfillmentOrderId"]?.ToString());
                order = _orders.Values.FirstOrDefault(o => o.FulfillmentOrderId == foId);
                if (order is null)
                {
                    errors.Add(UserError("Fulfillment order does not exist.", null, "fulfillment", "lineItemsByFulfillmentOrder", "fulfillmentOrderId"));
                    continue;
                }
                if (group["fulfillmentOrderLineItems"] is not JsonArray items)
                {
                    plan.AddRange(order.Lines.Where(l => l.Quantity > l.Fulfilled).Select(l => (l, l.Quantity - l.Fulfilled)));
                    continue;
                }
                foreach (var item in items.OfType<JsonObject>())
                {
                    var lineId = ShopifyGid.Parse(item["id"]?.ToString());
                    var line = order.Lines.FirstOrDefault(l => l.FulfillmentOrderLineItemId == lineId);
                    var quantity = item["quantity"]?.GetValue<int>() ?? 0;
                    if (line is null || quantity <= 0 || quantity > line.Quantity - line.Fulfilled)
                    {
                        errors.Add(UserError("Invalid fulfillment order line item quantity requested.", null, "fulfillment", "lineItemsByFulfillmentOrder", "fulfillmentOrderLineItems"));
                        continue;
                    }
                    plan.Add((line, quantity));
                }
            }
            if (order is null && errors.Count == 0)
            {
                errors.Add(UserError("lineItemsByFulfillmentOrder must not be empty.", null, "fulfillment", "lineItemsByFulfillmentOrder"));
            }
            if (errors.Count > 0)
            {
                return Data(new JsonObject { ["fulfillmentCreate"] = new JsonObject { ["fulfillment"] = null, ["userErrors"] = errors } });
            }

            foreach (var (line, quantity) in plan) line.Fulfilled += quantity;
            var record = new ShopifyFulfillmentRecord(
                ShopifyGid.Of("Fulfillment", NextId()), order!.Id,
                tracking?["company"]?.GetValue<string>(), tracking?["number"]?.GetValue<string>(), tracking?["url"]?.GetValue<string>(),
                input?["notifyCustomer"]?.GetValue<bool>() ?? false,
                [.. plan.Select(p => new ShopifyFulfilledLine(p.Line.LineItemId, p.Quantity))]);
            _fulfillments.Add(record);
            return Data(new JsonObject
            {
                ["fulfillmentCreate"] = new JsonObject
                {
                    ["fulfillment"] = new JsonObject
                    {
                        ["id"] = record.FulfillmentId,
                        ["status"] = "SUCCESS",
                        ["trackingInfo"] = new JsonArray(new JsonObject { ["company"] = record.Company, ["number"] = record.Number, ["url"] = record.Url }),
                    },
                    ["userErrors"] = new JsonArray(),
                },
            });
        }
    }
}
