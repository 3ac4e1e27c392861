using System.Text.Json.Nodes;
using Overal.Channels.Shopify.Internal;

namespace Overal.Channels.Shopify;

public sealed partial class ShopifyAdapter
{
    /// <summary>Finds inventory items (and their "available" at our location) by SKU, in as many calls as the bucket allows.</summary>
    private async Task<ShopifyLookup> LookupAsync(IReadOnlyList<string> skus, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ShopifyLevel>(StringComparer.Ordinal);
        var calls = 0;
        var chunkSize = (int)Math.Clamp(_client.Throttle.MaximumAvailable - ShopifyQueries.InventoryBySkuCost(0), 1, MaxBatchSize);
        foreach (var chunk in skus.Distinct(StringComparer.Ordinal).Chunk(chunkSize))
        {
            var variables = new JsonObject
            {
                ["first"] = chunk.Length,
                ["query"] = ShopifyQueries.SkuSearch(chunk),
                ["locationId"] = Options.LocationId,
            };
            var result = await _client.SendAsync(ShopifyQueries.InventoryBySku, variables, ShopifyQueries.InventoryBySkuCost(chunk.Length), maxWait, cancellationToken);
            if (result.Sent) calls++;
            if (result.Status != ShopifyCallStatus.Ok) return new ShopifyLookup(found, result, calls);

            var wanted = chunk.ToHashSet(StringComparer.Ordinal);
            foreach (var node in result.Data!["inventoryItems"]?["nodes"] as JsonArray ?? [])
            {
                var sku = node?["sku"]?.ToString();
                var id = node?["id"]?.ToString();
                // Shopify's search is not an exact match on every field; keep only the SKUs we asked for.
                if (sku is null || id is null || !wanted.Contains(sku)) continue;
                var available = (node!["inventoryLevel"]?["quantities"] as JsonArray)?
                    .FirstOrDefault(q => q?["name"]?.ToString() == "available")?["quantity"]?.GetValue<int>();
                _inventoryItems[sku] = id;
                found[sku] = new ShopifyLevel(id, available);
            }
        }
        return new ShopifyLookup(found, null, calls);
    }

    private sealed record ShopifyLevel(string InventoryItemId, int? Available);

    /// <param name="Failure">The call that stopped the look-up, if one did.</param>
    private sealed record ShopifyLookup(Dictionary<string, ShopifyLevel> Found, ShopifyCallResult? Failure, int Calls);
}
