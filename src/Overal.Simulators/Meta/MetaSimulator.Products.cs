using System.Globalization;
using System.Text.Json;

namespace Overal.Simulators.Meta;

public sealed partial class MetaSimulator
{
    /// <summary>
    /// GET /{v}/{catalog_id}/products?fields=retailer_id,inventory,availability&amp;filter={"retailer_id":{"is_any":[…]}}&amp;limit=&amp;after=
    /// → {data:[{id, retailer_id, …requested fields}], paging:{cursors:{before, after}, next?}}. Filters on retailer_id
    /// (is_any or eq) only; anything else is (#100).
    /// </summary>
    private async Task<IResult> ProductsAsync(string catalogId, HttpContext context, CancellationToken cancellationToken)
    {
        var refusal = Refuse(context, catalogId, null);
        if (refusal is not null) return refusal;
        var fault = await FaultAsync(batchCall: false, cancellationToken);
        if (fault is not null) return fault;

        var query = context.Request.Query;
        HashSet<string>? wanted = null;
        if (query["filter"].ToString() is { Length: > 0 } filter)
        {
            wanted = ParseFilter(filter);
            if (wanted is null) return MetaErrors.InvalidParameter("Param filter must be a JSON rule on retailer_id with is_any or eq");
        }
        var fields = query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        if (fields.Count == 0) fields = ["id"];
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 1000) : 25;
        var after = int.TryParse(query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;

        lock (_gate)
        {
            var catalog = _catalogs[catalogId];
            WriteUsage(context, catalog);
            catalog.ApplyDue(_time.GetUtcNow());
            var matching = catalog.Products.Values
                .Where(p => wanted is null || wanted.Contains(p.RetailerId))
                .OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            var page = matching.Skip(after).Take(limit).ToList();
            var data = page.Select(p =>
            {
                var row = new Dictionary<string, object?> { ["id"] = p.Id };
                if (fields.Contains("retailer_id")) row["retailer_id"] = p.RetailerId;
                if (fields.Contains("inventory")) row["inventory"] = p.Inventory;
                if (fields.Contains("availability")) row["availability"] = p.Availability;
                if (fields.Contains("price")) row["price"] = p.Price;
                if (fields.Contains("name") || fields.Contains("title")) row["name"] = p.Title;
                return row;
            }).ToList();
            var cursors = new { before = after.ToString(CultureInfo.InvariantCulture), after = (after + page.Count).ToString(CultureInfo.InvariantCulture) };
            string? next = null;
            if (after + page.Count < matching.Count)
            {
                var parameters = query.ToDictionary(q => q.Key, q => q.Value.ToString());
                parameters["after"] = cursors.after;
                next = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{Microsoft.AspNetCore.Http.QueryString.Create(parameters!)}";
            }
            return Results.Json(new { data, paging = next is null ? (object)new { cursors } : new { cursors, next } }, Json);
        }
    }

    private static HashSet<string>? ParseFilter(string filter)
    {
        try
        {
            using var document = JsonDocument.Parse(filter);
            if (!document.RootElement.TryGetProperty("retailer_id", out var rule)) return null;
            if (rule.TryGetProperty("is_any", out var any) && any.ValueKind == JsonValueKind.Array)
            {
                return any.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
            }
            if (rule.TryGetProperty("eq", out var eq) && eq.ValueKind == JsonValueKind.String) return [eq.GetString()!];
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
