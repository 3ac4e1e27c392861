using System.Text.Json;
using System.Text.Json.Serialization;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Zalando;

/// <summary>zDirect stock DTOs and how a response maps onto per-SKU outcomes.</summary>
internal static class ZalandoStock
{
    public const string BudgetExhausted = "Zalando stock budget exhausted (60 requests / 2,000 updates per minute)";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Request([property: JsonPropertyName("items")] IReadOnlyList<Item> Items);

    public sealed record Item(
        [property: JsonPropertyName("sales_channel_id")] string SalesChannelId,
        [property: JsonPropertyName("ean")] string Ean,
        [property: JsonPropertyName("quantity")] int Quantity);

    /// <summary>A SKU is confirmed when every sales channel accepted it, rejected when any refused it.</summary>
    public static IReadOnlyList<ItemResult> Outcomes(StockUpdate[] chunk, List<Item> sent, string body)
    {
        using var document = JsonDocument.Parse(body);
        var refusals = new Dictionary<(string SalesChannelId, string Ean), string>();
        var accepted = new HashSet<(string, string)>();
        var results = document.RootElement.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < results.Count; i++)
        {
            var entry = results[i];
            var key = entry.TryGetProperty("item", out var item)
                ? (item.GetProperty("sales_channel_id").GetString()!, item.GetProperty("ean").GetString()!)
                : (sent[i].SalesChannelId, sent[i].Ean);
            var result = entry.GetProperty("result");
            var status = result.GetProperty("status").GetString();
            if (status == "ACCEPTED")
            {
                accepted.Add(key);
            }
            else
            {
                var code = result.TryGetProperty("code", out var c) ? c.ToString() : "?";
                var description = result.TryGetProperty("description", out var d) ? d.GetString() : null;
                refusals[key] = $"{status} {code} on sales channel {key.Item1}: {description}";
            }
        }
        return [.. chunk.Select(u =>
        {
            var keys = sent.Where(s => s.Ean == u.Ean).Select(s => (s.SalesChannelId, s.Ean)).ToList();
            var refusal = keys.Select(k => refusals.GetValueOrDefault(k)).FirstOrDefault(r => r is not null);
            if (refusal is not null) return new ItemResult(u.Sku, ItemOutcome.Rejected, refusal, null);
            return keys.All(accepted.Contains)
                ? new ItemResult(u.Sku, ItemOutcome.Confirmed, null, u.Quantity)
                : new ItemResult(u.Sku, ItemOutcome.RetryLater, "Zalando did not report on every sales channel", null);
        })];
    }
}
