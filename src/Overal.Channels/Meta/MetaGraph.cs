using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Overal.Channels.Meta;

/// <summary>Graph API DTOs and error reading for the catalog endpoints.</summary>
internal static class MetaGraph
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record BatchRequest(
        [property: JsonPropertyName("item_type")] string ItemType,
        [property: JsonPropertyName("allow_upsert")] bool AllowUpsert,
        [property: JsonPropertyName("requests")] IReadOnlyList<ItemRequest> Requests);

    public sealed record ItemRequest([property: JsonPropertyName("method")] string Method, [property: JsonPropertyName("data")] ItemData Data);

    public sealed record ItemData(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("availability")] string? Availability = null,
        [property: JsonPropertyName("inventory")] int? Inventory = null,
        [property: JsonPropertyName("price")] string? Price = null);

    public static ItemData Stock(string sku, int quantity) => new(sku, quantity > 0 ? "in stock" : "out of stock", quantity);

    /// <summary>Meta's price form: amount with two decimals, a space, the ISO currency ("12.95 EUR").</summary>
    public static ItemData Price(string sku, decimal price, string currency) =>
        new(sku, Price: price.ToString("0.00", CultureInfo.InvariantCulture) + " " + currency.ToUpperInvariant());

    /// <summary>The parts of a Graph error the adapter acts on.</summary>
    public sealed record Error(int Code, string Message, bool Transient);

    public static Error? ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error)) return null;
            return new Error(
                error.TryGetProperty("code", out var code) && code.TryGetInt32(out var c) ? c : 0,
                error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "",
                error.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>estimated_time_to_regain_access (minutes) from X-Business-Use-Case-Usage, when Meta reports one.</summary>
    public static TimeSpan? RegainAccess(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var values)) return null;
        try
        {
            using var document = JsonDocument.Parse(values.First());
            var minutes = document.RootElement.EnumerateObject()
                .SelectMany(b => b.Value.EnumerateArray())
                .Select(u => u.TryGetProperty("estimated_time_to_regain_access", out var e) && e.TryGetInt32(out var v) ? v : 0)
                .DefaultIfEmpty(0).Max();
            return minutes > 0 ? TimeSpan.FromMinutes(minutes) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
