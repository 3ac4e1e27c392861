namespace Overal.Channels.Shopify.Internal;

/// <summary>
/// The GraphQL documents the adapter sends, with their cost estimates. Estimates follow Shopify's published
/// calculation closely enough to stay on the safe side: mutation 10 (+1 per quantity for inventorySetQuantities),
/// a query 1 plus 2 + first per connection.
/// </summary>
internal static class ShopifyQueries
{
    public const string InventoryBySku = """
        query OveralInventoryBySku($first: Int!, $query: String!, $locationId: ID!) {
          inventoryItems(first: $first, query: $query) {
            nodes {
              id
              sku
              inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } }
            }
          }
        }
        """;

    public static int InventoryBySkuCost(int first) => 1 + 2 + first;

    public const string SetQuantities = """
        mutation OveralSetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
          inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
            inventoryAdjustmentGroup { id changes { name delta quantityAfterChange item { id } } }
            userErrors { code field message }
          }
        }
        """;

    public static int SetQuantitiesCost(int quantities) => 10 + quantities;

    public const int FulfillmentOrdersFirst = 10;

    public const int FulfillmentOrderLinesFirst = 100;

    public const string FulfillmentOrders = """
        query OveralFulfillmentOrders($id: ID!) {
          order(id: $id) {
            id
            fulfillmentOrders(first: 10) {
              nodes { id status lineItems(first: 100) { nodes { id remainingQuantity lineItem { id sku } } } }
            }
          }
        }
        """;

    public static int FulfillmentOrdersCost => 1 + (2 + FulfillmentOrdersFirst) + (2 + FulfillmentOrderLinesFirst);

    public const string FulfillmentCreate = """
        mutation OveralFulfill($fulfillment: FulfillmentInput!) {
          fulfillmentCreate(fulfillment: $fulfillment) {
            fulfillment { id status trackingInfo { company number url } }
            userErrors { field message }
          }
        }
        """;

    public const int FulfillmentCreateCost = 10;

    /// <summary>A Shopify search query matching any of the SKUs exactly.</summary>
    public static string SkuSearch(IEnumerable<string> skus) =>
        string.Join(" OR ", skus.Select(s => "sku:\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
}
