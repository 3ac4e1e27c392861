using System.Globalization;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Shopify;

/// <remarks>
/// inventorySetQuantities with the 2026-04 rules: every quantity carries changeFromQuantity (omitted: a userError;
/// explicit null: no check; a mismatch: CHANGE_FROM_QUANTITY_STALE), at most 250 quantities, and the
/// @idempotent(key:) directive is mandatory; a retry with a known key returns the first result unchanged.
/// The mutation is all-or-nothing: any userError leaves every level untouched. The simulator keeps a single
/// quantity per item and location, so "on_hand" and "available" are the same number here.
/// </remarks>
public sealed partial class ShopifySimulator
{
    internal const int MaxInputArraySize = 250;

    // Shopify's documented reasons for inventory changes.
    private static readonly HashSet<string> Reasons = new(StringComparer.Ordinal)
    {
        "correction", "cycle_count_available", "damaged", "movement_canceled", "movement_created", "movement_received",
        "movement_updated", "other", "promotion", "quality_control", "received", "reservation_created",
        "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
    };

    private (JsonObject Response, int ActualCost) SetQuantities(string query, JsonObject? variables)
    {
        var input = variables?["input"] as JsonObject;
        var quantities = input?["quantities"] as JsonArray ?? [];
        var cost = 10 + quantities.Count;
        var key = ShopifyGraphQlText.IdempotencyKey(query, variables);
        if (string.IsNullOrWhiteSpace(key))
        {
            return (Errors(Error("The @idempotent directive with a key is required for inventorySetQuantities since API version 2026-04.", "BAD_REQUEST")), cost);
        }
        if (input is null)
        {
            return (Errors(Error("Variable $input of type InventorySetQuantitiesInput! was provided invalid value", "INVALID_VARIABLE")), cost);
        }
        if (quantities.Count > MaxInputArraySize)
        {
            return (Errors(Error($"The input array size of {quantities.Count} is greater than the maximum allowed of {MaxInputArraySize}.", "MAX_INPUT_SIZE_EXCEEDED")), cost);
        }

        lock (_gate)
        {
            if (_idempotentResults.TryGetValue(key, out var first)) return ((JsonObject)first.DeepClone(), cost);

            var userErrors = Validate(input, quantities);
            JsonObject payload;
            if (userErrors.Count > 0)
            {
                payload = new JsonObject { ["inventoryAdjustmentGroup"] = null, ["userErrors"] = userErrors };
            }
            else
            {
                payload = new JsonObject { ["inventoryAdjustmentGroup"] = Apply(input, quantities), ["userErrors"] = new JsonArray() };
                Interlocked.Increment(ref _mutationsApplied);
            }
            var response = Data(new JsonObject { ["inventorySetQuantities"] = payload });
            _idempotentResults[key] = (JsonObject)response.DeepClone();
            return (response, cost);
        }
    }

    private JsonArray Validate(JsonObject input, JsonArray quantities)
    {
        var errors = new JsonArray();
        var name = input["name"]?.GetValue<string>();
        if (name is not ("available" or "on_hand"))
        {
            errors.Add(UserError("The quantity name must be either 'available' or 'on_hand'.", "INVALID_NAME", "input", "name"));
        }
        var reason = input["reason"]?.GetValue<string>();
        if (reason is null || !Reasons.Contains(reason))
        {
            errors.Add(UserError("The specified reason is invalid.", "INVALID_REASON", "input", "reason"));
        }
        for (var i = 0; i < quantities.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (quantities[i] is not JsonObject q)
            {
                errors.Add(UserError("Quantity input is invalid.", "INVALID", "input", "quantities", index));
                continue;
            }
            var item = ShopifyGid.IsOfType(q["inventoryItemId"]?.ToString(), "InventoryItem") ? ShopifyGid.Parse(q["inventoryItemId"]!.ToString()) : -1;
            var location = ShopifyGid.IsOfType(q["locationId"]?.ToString(), "Location") ? ShopifyGid.Parse(q["locationId"]!.ToString()) : -1;
            if (!_byInventoryItem.ContainsKey(item))
            {
                errors.Add(UserError("The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM", "input", "quantities", index, "inventoryItemId"));
                continue;
            }
            if (!_levels.TryGetValue((item, location), out var current))
            {
                errors.Add(UserError("The specified location could not be found.", "INVALID_LOCATION", "input", "quantities", index, "locationId"));
                continue;
            }
            if (q["quantity"] is not JsonValue quantity || !quantity.TryGetValue<int>(out var value) || Math.Abs((long)value) > 1_000_000_000)
            {
                errors.Add(UserError("The quantity is invalid.", "INVALID_QUANTITY", "input", "quantities", index, "quantity"));
                continue;
            }
            if (!q.ContainsKey("changeFromQuantity"))
            {
                // UNCONFIRMED exact code; the rule itself (2026-04: mandatory, null skips the check) is in the contract.
                errors.Add(UserError("changeFromQuantity is required. Send null to skip the compare check.", "INVALID", "input", "quantities", index, "changeFromQuantity"));
                continue;
            }
            if (q["changeFromQuantity"] is JsonValue expected && expected.TryGetValue<int>(out var from) && from != current)
            {
                errors.Add(UserError(
                    $"The specified compare quantity does not match the current quantity ({current}).",
                    "CHANGE_FROM_QUANTITY_STALE", "input", "quantities", index, "changeFromQuantity"));
            }
        }
        return errors;
    }

    private JsonObject Apply(JsonObject input, JsonArray quantities)
    {
        var changes = new JsonArray();
        foreach (var q in quantities.OfType<JsonObject>())
        {
            var item = ShopifyGid.Parse(q["inventoryItemId"]!.ToString());
            var location = ShopifyGid.Parse(q["locationId"]!.ToString());
            var value = q["quantity"]!.GetValue<int>();
            var before = _levels[(item, location)];
            _levels[(item, location)] = value;
            changes.Add(new JsonObject
            {
                ["name"] = input["name"]!.GetValue<string>(),
                ["delta"] = value - before,
                ["quantityAfterChange"] = value,
                ["item"] = new JsonObject { ["id"] = ShopifyGid.InventoryItem(item), ["sku"] = _byInventoryItem[item].Sku },
                ["location"] = new JsonObject { ["id"] = ShopifyGid.Location(location) },
            });
        }
        return new JsonObject
        {
            ["id"] = ShopifyGid.Of("InventoryAdjustmentGroup", NextId()),
            ["createdAt"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["reason"] = input["reason"]!.GetValue<string>(),
            ["referenceDocumentUri"] = input["referenceDocumentUri"]?.GetValue<string>(),
            ["changes"] = changes,
        };
    }

    private (JsonObject Response, int ActualCost) InventoryItemsQuery(string query, JsonObject? variables)
    {
        var first = ShopifyGraphQlText.IntArgument(query, "inventoryItems", "first", variables) ?? 10;
        var search = ShopifyGraphQlText.Argument(query, "inventoryItems", "query", variables)?.GetValue<string>();
        var location = LocationArgument(query, variables);
        lock (_gate)
        {
            var matches = Matching(search).ToList();
            var page = matches.Take(first).ToList();
            var nodes = new JsonArray([.. page.Select(v => (JsonNode?)InventoryItemNode(v, location))]);
            return (Data(new JsonObject { ["inventoryItems"] = Connection(nodes, matches.Count > page.Count, page.LastOrDefault()) }), 3 + page.Count);
        }
    }

    private (JsonObject Response, int ActualCost) ProductVariantsQuery(string query, JsonObject? variables)
    {
        var first = ShopifyGraphQlText.IntArgument(query, "productVariants", "first", variables) ?? 10;
        var search = ShopifyGraphQlText.Argument(query, "productVariants", "query", variables)?.GetValue<string>();
        lock (_gate)
        {
            var matches = Matching(search).ToList();
            var page = matches.Take(first).ToList();
            var nodes = new JsonArray([.. page.Select(v => (JsonNode?)new JsonObject
            {
                ["id"] = ShopifyGid.Of("ProductVariant", v.VariantId),
                ["sku"] = v.Sku,
                ["title"] = v.Title,
                ["price"] = v.Price.ToString(CultureInfo.InvariantCulture),
                ["product"] = new JsonObject { ["id"] = ShopifyGid.Of("Product", v.ProductId) },
                ["inventoryItem"] = new JsonObject { ["id"] = ShopifyGid.InventoryItem(v.InventoryItemId) },
            })]);
            return (Data(new JsonObject { ["productVariants"] = Connection(nodes, matches.Count > page.Count, page.LastOrDefault()) }), 3 + page.Count);
        }
    }

    private (JsonObject Response, int ActualCost) NodesQuery(string query, JsonObject? variables)
    {
        var ids = ShopifyGraphQlText.Argument(query, "nodes", "ids", variables) as JsonArray ?? [];
        var location = LocationArgument(query, variables);
        lock (_gate)
        {
            var nodes = new JsonArray([.. ids.Select(id =>
                ShopifyGid.IsOfType(id?.ToString(), "InventoryItem") && _byInventoryItem.TryGetValue(ShopifyGid.Parse(id!.ToString()), out var v)
                    ? (JsonNode?)InventoryItemNode(v, location)
                    : null)]);
            return (Data(new JsonObject { ["nodes"] = nodes }), 1 + ids.Count);
        }
    }

    private long LocationArgument(string query, JsonObject? variables)
    {
        var gid = ShopifyGraphQlText.Argument(query, "inventoryLevel", "locationId", variables)?.GetValue<string>();
        lock (_gate) { return gid is null ? _locations[0] : ShopifyGid.Parse(gid); }
    }

    private IEnumerable<ShopifyVariantRecord> Matching(string? search)
    {
        var skus = ShopifyGraphQlText.SkusInSearch(search);
        if (skus.Count == 0) return _bySku.Values.OrderBy(v => v.InventoryItemId);
        return skus.Distinct(StringComparer.Ordinal).Select(s => _bySku.GetValueOrDefault(s)).OfType<ShopifyVariantRecord>();
    }

    private JsonObject InventoryItemNode(ShopifyVariantRecord v, long location)
    {
        JsonNode? level = null;
        if (_levels.TryGetValue((v.InventoryItemId, location), out var available))
        {
            level = new JsonObject
            {
                ["id"] = ShopifyGid.Of("InventoryLevel", v.InventoryItemId * 1000 + location % 1000),
                ["location"] = new JsonObject { ["id"] = ShopifyGid.Location(location) },
                ["quantities"] = new JsonArray(
                    new JsonObject { ["name"] = "available", ["quantity"] = available },
                    new JsonObject { ["name"] = "on_hand", ["quantity"] = available }),
            };
        }
        return new JsonObject
        {
            ["id"] = ShopifyGid.InventoryItem(v.InventoryItemId),
            ["sku"] = v.Sku,
            ["tracked"] = true,
            ["variant"] = new JsonObject { ["id"] = ShopifyGid.Of("ProductVariant", v.VariantId) },
            ["inventoryLevel"] = level,
        };
    }

    private static JsonObject Connection(JsonArray nodes, bool hasNextPage, ShopifyVariantRecord? last) => new()
    {
        ["nodes"] = nodes,
        ["pageInfo"] = new JsonObject
        {
            ["hasNextPage"] = hasNextPage,
            ["endCursor"] = last is null ? null : Convert.ToBase64String(BitConverter.GetBytes(last.InventoryItemId)),
        },
    };

    private static JsonObject Errors(JsonObject error) => new() { ["errors"] = new JsonArray(error) };
}
