using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Shopify;

/// <summary>
/// Turns an orders/create (or orders/updated) webhook body, Shopify's REST-style order JSON, into a
/// <see cref="ChannelOrder"/> for channel "webshop". Verify the body with <see cref="ShopifyWebhookVerifier"/> first.
/// ExternalId is the numeric order id (as text); line ExternalLineId is line_items[].id; both are what
/// <see cref="ShopifyAdapter.ConfirmShipmentAsync"/> expects back. Shopify's payload has no EAN, so Ean is null.
/// </summary>
public static class ShopifyOrderWebhookParser
{
    /// <exception cref="FormatException">The body is not an order payload.</exception>
    public static ChannelOrder Parse(ReadOnlySpan<byte> rawBody)
    {
        JsonObject order;
        try
        {
            order = JsonNode.Parse(rawBody) as JsonObject ?? throw new FormatException("The webhook body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException("The webhook body is not valid JSON.", e);
        }
        var id = Text(order["id"]) ?? throw new FormatException("The order has no id.");
        var createdAt = DateTimeOffset.Parse(Text(order["created_at"]) ?? throw new FormatException("The order has no created_at."), CultureInfo.InvariantCulture);

        var customer = order["customer"] as JsonObject;
        var name = string.Join(' ', new[] { Text(customer?["first_name"]), Text(customer?["last_name"]) }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var shipping = order["shipping_address"] as JsonObject;
        var delivery = shipping is null
            // No address to ship to: a pickup order at the location Shopify names (local pickup).
            ? new ChannelDelivery("click_and_collect", null, null, null, null, Text(order["location_id"]), null)
            : new ChannelDelivery("home",
                string.Join(' ', new[] { Text(shipping["address1"]), Text(shipping["address2"]) }.Where(s => !string.IsNullOrWhiteSpace(s))),
                Text(shipping["zip"]), Text(shipping["city"]), Text(shipping["country_code"]), null, null);

        var lines = (order["line_items"] as JsonArray ?? []).OfType<JsonObject>().Select(l => new ChannelOrderLine(
            Text(l["id"]) ?? throw new FormatException("A line item has no id."),
            Text(l["sku"]) is { Length: > 0 } sku ? sku : null,
            null,
            l["quantity"]?.GetValue<int>() ?? throw new FormatException("A line item has no quantity."),
            Money(l["price"]),
            LineDiscount(l),
            Text(l["name"]) ?? Text(l["title"]))).ToList();

        // total_discounts is every discount on the order; what the lines do not carry (and is not a shipping discount,
        // which the hub's goods total does not include) is an order-level discount kept on the order itself.
        var shippingDiscounts = (order["shipping_lines"] as JsonArray ?? []).OfType<JsonObject>().Sum(s => Allocated(s["discount_allocations"]) ?? 0m);
        var orderDiscount = Math.Max(0m, Money(order["total_discounts"]) - lines.Sum(l => l.Discount) - shippingDiscounts);

        return new ChannelOrder(
            "webshop",
            id,
            createdAt,
            Text(order["currency"]) ?? "EUR",
            new ChannelCustomer(name.Length > 0 ? name : null, Text(customer?["email"]) ?? Text(order["email"]),
                Text(customer?["phone"]) ?? Text(order["phone"]), null),
            delivery,
            Text(order["financial_status"]) ?? "unknown",
            lines,
            orderDiscount);
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    /// <summary>
    /// A line's whole discount: its discount_allocations hold its share of every discount application, order-level
    /// codes included, where the older total_discount holds only line-level ones (0.00 for an order-wide code).
    /// </summary>
    private static decimal LineDiscount(JsonObject line) => Allocated(line["discount_allocations"]) ?? Money(line["total_discount"]);

    private static decimal? Allocated(JsonNode? allocations) =>
        allocations is JsonArray { Count: > 0 } a ? a.OfType<JsonObject>().Sum(x => Money(x["amount"])) : null;

    // Shopify sends money as strings ("29.95"); be lenient with numbers too.
    private static decimal Money(JsonNode? node) =>
        Text(node) is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;
}
