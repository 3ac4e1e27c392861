using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Overal.Simulators.Meta;

/// <summary>
/// Checks one items_batch call. A structural fault (no requests array, more than 5,000, a request without method,
/// data or data.id) refuses the whole call with (#100); a bad field value (availability, inventory, price) fails only
/// that request, reported in validation_status, and the rest is queued.
/// </summary>
internal static partial class MetaBatchValidation
{
    private static readonly HashSet<string> Availabilities =
        ["in stock", "out of stock", "preorder", "available for order", "discontinued"];

    private static readonly HashSet<string> Methods = ["CREATE", "UPDATE", "DELETE"];

    public static string? Structure(JsonElement requests, int maxRequests, out List<MetaSimRequest> parsed)
    {
        parsed = [];
        if (requests.ValueKind != JsonValueKind.Array) return "Param requests must be an array";
        var count = requests.GetArrayLength();
        if (count == 0 || count > maxRequests) return $"Param requests must hold between 1 and {maxRequests} requests, got {count}";
        var line = 0;
        foreach (var request in requests.EnumerateArray())
        {
            var at = $"requests[{line}]";
            if (request.ValueKind != JsonValueKind.Object) return $"Param {at} must be an object";
            if (!request.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String
                || !Methods.Contains(method.GetString()!.ToUpperInvariant()))
            {
                return $"Param {at}[method] must be one of {{CREATE, UPDATE, DELETE}}";
            }
            if (!request.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return $"Param {at}[data] must be an object";
            }
            if (!data.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
            {
                return $"Param {at}[data][id] is required (the product's retailer_id)";
            }
            parsed.Add(new MetaSimRequest(line++, method.GetString()!.ToUpperInvariant(), id.GetString()!, data.Clone()));
        }
        return null;
    }

    /// <summary>Field-level errors of one request, as validation_status messages.</summary>
    public static List<string> Fields(MetaSimRequest request)
    {
        var errors = new List<string>();
        var data = request.Data;
        if (data.TryGetProperty("availability", out var availability)
            && (availability.ValueKind != JsonValueKind.String || !Availabilities.Contains(availability.GetString()!)))
        {
            errors.Add($"Invalid value for availability: {availability}. Use one of: in stock, out of stock, preorder, available for order, discontinued.");
        }
        if (data.TryGetProperty("inventory", out var inventory)
            && (inventory.ValueKind != JsonValueKind.Number || !inventory.TryGetInt32(out var count) || count < 0))
        {
            errors.Add($"Invalid value for inventory: {inventory}. Must be a whole number of 0 or more.");
        }
        if (data.TryGetProperty("price", out var price)
            && (price.ValueKind != JsonValueKind.String || !PricePattern().IsMatch(price.GetString()!)
                || !decimal.TryParse(price.GetString()!.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add($"Invalid value for price: {price}. Use an amount and an ISO 4217 currency code, e.g. \"12.95 EUR\".");
        }
        return errors;
    }

    [GeneratedRegex(@"^\d{1,9}(\.\d{1,2})? [A-Z]{3}$")]
    private static partial Regex PricePattern();
}
