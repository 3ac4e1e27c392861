using System.Text.Json;

namespace Overal.Simulators.Zalando;

internal sealed record ZalandoStockItem(string SalesChannelId, string Ean, int Quantity);

/// <summary>Validates a stock batch against the contract: 1..1000 items, each {sales_channel_id, ean (13 digits), quantity (integer ≥ 0)}.</summary>
internal static class ZalandoStockBatch
{
    public static List<ZalandoStockItem>? Parse(JsonElement root, int maxItems, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            error = "body must be an object with an items array";
            return null;
        }
        var count = items.GetArrayLength();
        if (count == 0 || count > maxItems)
        {
            error = $"items must hold 1 to {maxItems} entries, got {count}";
            return null;
        }
        var parsed = new List<ZalandoStockItem>(count);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"items[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = at + " must be an object";
                return null;
            }
            if (!item.TryGetProperty("sales_channel_id", out var channel) || channel.ValueKind != JsonValueKind.String || channel.GetString()!.Length == 0)
            {
                error = at + ".sales_channel_id is required (string)";
                return null;
            }
            if (!item.TryGetProperty("ean", out var ean) || ean.ValueKind != JsonValueKind.String || !IsThirteenDigits(ean.GetString()!))
            {
                error = at + ".ean must be a string of 13 digits";
                return null;
            }
            if (!item.TryGetProperty("quantity", out var quantity) || quantity.ValueKind != JsonValueKind.Number
                || !quantity.TryGetInt32(out var q) || q < 0)
            {
                error = at + ".quantity must be an integer >= 0";
                return null;
            }
            parsed.Add(new ZalandoStockItem(channel.GetString()!, ean.GetString()!, q));
        }
        return parsed;
    }

    private static bool IsThirteenDigits(string value) => value.Length == 13 && value.All(char.IsAsciiDigit);
}
