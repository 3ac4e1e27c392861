using System.Globalization;
using System.Text.Json;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Zalando;

/// <summary>Reads zDirect's JSON:API order documents (Order → OrderItem → OrderLine, one line per unit).</summary>
internal static class ZalandoOrderMapper
{
    internal sealed record Unit(string LineId, string Status, decimal Price, string Currency);

    internal sealed record OrderUnits(string? TrackingNumber, Dictionary<string, List<Unit>> UnitsByItem);

    public static List<(ChannelOrder Order, bool Exported)> Map(JsonElement root, string channelId)
    {
        var (items, lines) = Included(root);
        var result = new List<(ChannelOrder, bool)>();
        foreach (var order in root.GetProperty("data").EnumerateArray())
        {
            var attributes = order.GetProperty("attributes");
            var units = UnitsOf(order, items, lines);
            var orderLines = units
                .Select(u => (ItemId: u.Key, Open: u.Value.Where(l => l.Status != "canceled").ToList()))
                .Where(u => u.Open.Count > 0)
                .Select(u => new ChannelOrderLine(u.ItemId, null, Ean(items[u.ItemId]), u.Open.Count, u.Open[0].Price, 0m))
                .ToList();
            var address = attributes.TryGetProperty("shipping_address", out var a) ? a : default;
            var channelOrder = new ChannelOrder(
                channelId,
                order.GetProperty("id").GetString()!,
                attributes.GetProperty("order_date").GetDateTimeOffset(),
                units.Values.SelectMany(u => u).Select(u => u.Currency).FirstOrDefault() ?? "EUR",
                new ChannelCustomer(Name(address), null, null, null),
                new ChannelDelivery("home", Text(address, "address_line_1"), Text(address, "zip_code"), Text(address, "city"),
                    Text(address, "country_code"), null, null),
                attributes.GetProperty("status").GetString() == "initial" ? "pending" : "paid",
                orderLines);
            result.Add((channelOrder, attributes.TryGetProperty("exported", out var e) && e.ValueKind == JsonValueKind.True));
        }
        return result;
    }

    /// <summary>A single order document (GET /orders/{id}) as its units per order item.</summary>
    public static OrderUnits Units(JsonElement root)
    {
        var (items, lines) = Included(root);
        var order = root.GetProperty("data");
        var tracking = order.GetProperty("attributes").TryGetProperty("tracking_number", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString() : null;
        return new OrderUnits(tracking, UnitsOf(order, items, lines));
    }

    public static string ErrorDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors))
            {
                return string.Join("; ", errors.EnumerateArray().Select(e => e.TryGetProperty("detail", out var d) ? d.GetString() : e.ToString()));
            }
            return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static (Dictionary<string, JsonElement> Items, Dictionary<string, JsonElement> Lines) Included(JsonElement root)
    {
        var items = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var lines = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("included", out var included))
        {
            foreach (var resource in included.EnumerateArray())
            {
                var id = resource.GetProperty("id").GetString()!;
                switch (resource.GetProperty("type").GetString())
                {
                    case "OrderItem": items[id] = resource; break;
                    case "OrderLine": lines[id] = resource; break;
                }
            }
        }
        return (items, lines);
    }

    private static Dictionary<string, List<Unit>> UnitsOf(JsonElement order, Dictionary<string, JsonElement> items, Dictionary<string, JsonElement> lines)
    {
        var result = new Dictionary<string, List<Unit>>(StringComparer.Ordinal);
        foreach (var reference in order.GetProperty("relationships").GetProperty("order_items").GetProperty("data").EnumerateArray())
        {
            var itemId = reference.GetProperty("id").GetString()!;
            if (!items.TryGetValue(itemId, out var item)) throw new HttpRequestException($"order item {itemId} missing from the included resources");
            result[itemId] = [.. item.GetProperty("relationships").GetProperty("order_lines").GetProperty("data").EnumerateArray()
                .Select(l => lines[l.GetProperty("id").GetString()!])
                .Select(l =>
                {
                    var attributes = l.GetProperty("attributes");
                    var price = attributes.GetProperty("price");
                    return new Unit(
                        l.GetProperty("id").GetString()!,
                        attributes.GetProperty("status").GetString()!,
                        decimal.Parse(price.GetProperty("amount").ToString(), NumberStyles.Number, CultureInfo.InvariantCulture),
                        price.GetProperty("currency").GetString()!);
                })];
        }
        return result;
    }

    private static string? Ean(JsonElement item) =>
        item.GetProperty("attributes").TryGetProperty("ean", out var ean) ? ean.GetString() : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static string? Name(JsonElement address) =>
        string.Join(' ', new[] { Text(address, "first_name"), Text(address, "last_name") }.Where(p => !string.IsNullOrEmpty(p))) is { Length: > 0 } name
            ? name : null;
}
