using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Overal.Channels.Lightspeed;

/// <summary>
/// Reads X-Series webhooks and sale objects into <see cref="PosSale"/> and <see cref="PosInventoryCount"/>. Sales read
/// the API 2.0 shape (line_items) and the older webhook shape (register_sale_products) alike. All methods throw
/// <see cref="FormatException"/> for a body that is not what they expect.
/// </summary>
public static class LightspeedWebhookParser
{
    /// <summary>Splits the form-encoded webhook body into type, payload and domain prefix.</summary>
    public static LightspeedWebhook ParseForm(ReadOnlySpan<byte> rawBody)
    {
        var form = new FormReader(Encoding.UTF8.GetString(rawBody)).ReadForm();
        var type = form.TryGetValue("type", out var t) ? t.ToString() : "";
        var payload = form.TryGetValue("payload", out var p) ? p.ToString() : "";
        if (type.Length == 0 || payload.Length == 0) throw new FormatException("The webhook has no type or no payload field.");
        return new LightspeedWebhook(type, payload, form.TryGetValue("domain_prefix", out var d) ? d.ToString() : null);
    }

    /// <summary>A sale object (the payload of sale.update, or one item of the sales poll).</summary>
    public static PosSale ParseSale(string payloadJson) => ParseSale(Object(payloadJson));

    internal static PosSale ParseSale(JsonObject sale)
    {
        var lineNodes = sale["line_items"] as JsonArray ?? sale["register_sale_products"] as JsonArray ?? [];
        var lines = lineNodes.OfType<JsonObject>().Select(l => new PosSaleLine(
            Text(l["sku"]) ?? Text(l["product"]?["sku"]),
            Text(l["product_id"]) ?? throw new FormatException("A sale line has no product_id."),
            (int)Number(l["quantity"]),
            Number(l["price"]) + Number(l["tax"]))).ToList();
        var at = Text(sale["sale_date"]) ?? Text(sale["created_at"]) ?? throw new FormatException("The sale has no date.");
        return new PosSale(
            Text(sale["id"]) ?? throw new FormatException("The sale has no id."),
            Text(sale["outlet_id"]) ?? throw new FormatException("The sale has no outlet_id."),
            Text(sale["register_id"]),
            Date(at),
            Text(sale["status"]) ?? "UNKNOWN",
            sale["version"] is JsonValue v && v.TryGetValue<long>(out var version) ? version : null,
            lines,
            Text(sale["invoice_number"]) ?? Text(sale["receipt_number"]));
    }

    /// <summary>The payload of inventory.update: the count now at one outlet.</summary>
    public static PosInventoryCount ParseInventory(string payloadJson)
    {
        var inventory = Object(payloadJson);
        var count = inventory["inventory_level"] ?? inventory["current_amount"] ?? inventory["count"];
        return new PosInventoryCount(
            Text(inventory["outlet_id"]) ?? throw new FormatException("The inventory record has no outlet_id."),
            Text(inventory["product"]?["sku"]) ?? Text(inventory["sku"]) ?? throw new FormatException("The inventory record has no product sku."),
            Text(inventory["product_id"]) ?? Text(inventory["product"]?["id"]) ?? "",
            count is null ? throw new FormatException("The inventory record has no count.") : (int)Number(count));
    }

    private static JsonObject Object(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new FormatException("The payload is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException("The payload is not valid JSON.", e);
        }
    }

    private static DateTimeOffset Date(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    // X-Series sends numbers, and in older payloads numbers as strings ("2.00000").
    private static decimal Number(JsonNode? node) =>
        Text(node) is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;
}
