using System.Globalization;
using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Shopify.Internal;

namespace Overal.Channels.Shopify;

public sealed partial class ShopifyAdapter
{
    // Item errors that no retry will fix: the item is gone or the value is unacceptable.
    private static readonly HashSet<string> ItemRejections = new(StringComparer.Ordinal)
    {
        "INVALID_INVENTORY_ITEM", "ITEM_NOT_STOCKED_AT_LOCATION", "INVALID_QUANTITY", "INVALID_QUANTITY_TOO_HIGH",
        "INVALID_QUANTITY_TOO_LOW", "NON_MUTABLE_INVENTORY_ITEM",
    };

    public async Task<PushResult> PushStockAsync(IReadOnlyList<StockUpdate> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0) return new PushResult([], null, 0);
        // Latest value wins within one batch, as it does across batches.
        var latest = updates.GroupBy(u => u.Sku, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var results = new List<ItemResult>();
        var calls = 0;

        var probe = await _client.EnsureBucketKnownAsync(cancellationToken);
        if (probe is not null)
        {
            return PushResult.AllRetry(latest.Select(u => u.Sku), probe.Error ?? "Shopify unavailable", probe.RetryAfter, probe.Sent ? 1 : 0);
        }

        var unresolved = latest.Where(u => !_inventoryItems.ContainsKey(u.Sku)).Select(u => u.Sku).ToList();
        if (unresolved.Count > 0)
        {
            var lookup = await LookupAsync(unresolved, Options.MaxThrottleWait, cancellationToken);
            calls += lookup.Calls;
            if (lookup.Failure is { } failure)
            {
                return PushResult.AllRetry(latest.Select(u => u.Sku), failure.Error ?? "SKU look-up failed", failure.RetryAfter, calls);
            }
            foreach (var sku in unresolved.Where(s => !lookup.Found.ContainsKey(s)))
            {
                results.Add(new ItemResult(sku, ItemOutcome.Rejected, $"No Shopify inventory item has SKU {sku}.", null));
            }
        }

        var pending = latest.Where(u => _inventoryItems.ContainsKey(u.Sku)).ToList();
        var chunkSize = (int)Math.Clamp(_client.Throttle.MaximumAvailable - ShopifyQueries.SetQuantitiesCost(0), 1, MaxBatchSize);
        TimeSpan? retryAfter = null;
        var chunks = pending.Chunk(chunkSize).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            var outcome = await PushChunkAsync(chunks[i], cancellationToken);
            calls += outcome.Calls;
            results.AddRange(outcome.Items);
            if (outcome.Stop is { } stop)
            {
                retryAfter = stop.RetryAfter;
                results.AddRange(chunks.Skip(i + 1).SelectMany(c => c)
                    .Select(u => new ItemResult(u.Sku, ItemOutcome.RetryLater, stop.Error, null)));
                break;
            }
        }
        return new PushResult(results, retryAfter, calls);
    }

    /// <summary>One mutation for a chunk, plus at most one corrected retry after stale compares or rejected items
    /// (the mutation is all-or-nothing, so the rest of the chunk has to be sent again).</summary>
    private async Task<ChunkOutcome> PushChunkAsync(IReadOnlyList<StockUpdate> chunk, CancellationToken cancellationToken)
    {
        var results = new List<ItemResult>();
        var calls = 0;
        var changeFrom = chunk.ToDictionary(u => u.Sku, u => u.LastConfirmedQuantity, StringComparer.Ordinal);
        var toSend = chunk.ToList();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var result = await SetQuantitiesAsync(toSend, changeFrom, cancellationToken);
            if (result.Sent) calls++;
            if (result.Status != ShopifyCallStatus.Ok)
            {
                results.AddRange(toSend.Select(u => new ItemResult(u.Sku, ItemOutcome.RetryLater, result.Error, null)));
                var stop = result.Status == ShopifyCallStatus.Failed ? null : result;
                return new ChunkOutcome(results, stop, calls);
            }
            var errors = result.Data!["inventorySetQuantities"]?["userErrors"] as JsonArray ?? [];
            if (errors.Count == 0)
            {
                results.AddRange(toSend.Select(u => new ItemResult(u.Sku, ItemOutcome.Confirmed, null, u.Quantity)));
                return new ChunkOutcome(results, null, calls);
            }
            if (attempt == 1)
            {
                results.AddRange(toSend.Select(u => new ItemResult(u.Sku, ItemOutcome.RetryLater, Describe(errors), null)));
                return new ChunkOutcome(results, null, calls);
            }

            var stale = new List<StockUpdate>();
            var rejected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var error in errors)
            {
                var index = ErrorIndex(error);
                var code = error?["code"]?.ToString();
                if (index is null || index >= toSend.Count)
                {
                    // Not about one item (reason, name, location): configuration; nothing in this chunk can succeed now.
                    results.AddRange(toSend.Select(u => new ItemResult(u.Sku, ItemOutcome.RetryLater, Describe(errors), null)));
                    return new ChunkOutcome(results, null, calls);
                }
                var update = toSend[index.Value];
                if (code == "CHANGE_FROM_QUANTITY_STALE") stale.Add(update);
                else if (code is not null && ItemRejections.Contains(code) && rejected.Add(update.Sku))
                {
                    if (code == "INVALID_INVENTORY_ITEM") _inventoryItems.TryRemove(update.Sku, out _);
                    results.Add(new ItemResult(update.Sku, ItemOutcome.Rejected, $"{code}: {error?["message"]}", null));
                }
                else if (rejected.Add(update.Sku))
                {
                    results.Add(new ItemResult(update.Sku, ItemOutcome.RetryLater, $"{code}: {error?["message"]}", null));
                }
            }
            if (stale.Count > 0)
            {
                // Someone changed Shopify's number after we last confirmed it. We are the source of truth: read the
                // current value and set ours over it, still guarded against a change in between.
                var fresh = await LookupAsync([.. stale.Select(s => s.Sku)], Options.MaxThrottleWait, cancellationToken);
                calls += fresh.Calls;
                foreach (var s in stale)
                {
                    if (fresh.Found.TryGetValue(s.Sku, out var level) && level.Available is { } now) changeFrom[s.Sku] = now;
                    else if (rejected.Add(s.Sku))
                    {
                        results.Add(new ItemResult(s.Sku, ItemOutcome.RetryLater, "Stale compare and the current value could not be read.", null));
                    }
                }
            }
            toSend = [.. toSend.Where(u => !rejected.Contains(u.Sku))];
            if (toSend.Count == 0) return new ChunkOutcome(results, null, calls);
        }
        return new ChunkOutcome(results, null, calls);
    }

    private Task<ShopifyCallResult> SetQuantitiesAsync(IReadOnlyList<StockUpdate> updates, Dictionary<string, int?> changeFrom, CancellationToken cancellationToken)
    {
        var quantities = new JsonArray();
        foreach (var u in updates)
        {
            quantities.Add(new JsonObject
            {
                ["inventoryItemId"] = _inventoryItems[u.Sku],
                ["locationId"] = Options.LocationId,
                ["quantity"] = u.Quantity,
                // Mandatory since 2026-04; an explicit null (value never confirmed) skips the compare.
                ["changeFromQuantity"] = changeFrom[u.Sku],
            });
        }
        var variables = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["name"] = "available",
                ["reason"] = Options.Reason,
                ["referenceDocumentUri"] = $"gid://overal/StockSync/{Guid.CreateVersion7()}",
                ["quantities"] = quantities,
            },
            // A fresh key per attempt: a retry after a stale compare is a different request, not a replay.
            ["idempotencyKey"] = Guid.CreateVersion7().ToString(),
        };
        return _client.SendAsync(ShopifyQueries.SetQuantities, variables, ShopifyQueries.SetQuantitiesCost(updates.Count), Options.MaxThrottleWait, cancellationToken);
    }

    public async Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        if (skus.Count == 0) return [];
        // Reconciliation is background work: it may wait for a full bucket rather than give up.
        var patience = TimeSpan.FromMinutes(1);
        if (await _client.EnsureBucketKnownAsync(cancellationToken) is { } probe)
        {
            throw new HttpRequestException($"Shopify read-back failed: {probe.Error}");
        }
        var lookup = await LookupAsync(skus, patience, cancellationToken);
        if (lookup.Failure is { } failure) throw new HttpRequestException($"Shopify read-back failed: {failure.Error}");
        return [.. lookup.Found.Where(f => f.Value.Available is not null).Select(f => new ChannelStockReading(f.Key, f.Value.Available!.Value))];
    }

    private static int? ErrorIndex(JsonNode? error)
    {
        // field: ["input", "quantities", "<index>", ...]
        var field = error?["field"] as JsonArray;
        if (field is null || field.Count < 3 || field[1]?.ToString() != "quantities") return null;
        return int.TryParse(field[2]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    private static string Describe(JsonArray errors) =>
        string.Join("; ", errors.Select(e => $"{e?["code"]}: {e?["message"]}"));

    /// <param name="Stop">Set when the rest of the batch should not be tried now (throttled, unreachable, refused token).</param>
    private sealed record ChunkOutcome(List<ItemResult> Items, ShopifyCallResult? Stop, int Calls);
}
