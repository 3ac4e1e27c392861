namespace Overal.Simulators.Shopify;

/// <summary>Body of POST /shopify/_sim/orders (simulator control, not Shopify's contract).</summary>
/// <param name="DiscountCode">An order-wide fixed-amount code (e.g. 20.00 off), spread over the lines as Shopify does.</param>
/// <param name="Currency">The order's currency (default EUR, the shop's).</param>
public sealed record ShopifySimOrderRequest(IReadOnlyList<ShopifySimOrderLine> Lines, string? Email = null, string? Phone = null,
    ShopifySimDiscountCode? DiscountCode = null, string? Currency = null);

public sealed record ShopifySimDiscountCode(string Code, decimal Amount);

public sealed record ShopifySimOrderLine(string Sku, int Quantity);

/// <param name="WebhookStatus">HTTP status the hub answered the first orders/create delivery with; null when none was sent or it
/// failed. Retries are in <see cref="ShopifySimulator.WebhookDeliveries"/>.</param>
public sealed record ShopifySimOrderPlaced(long OrderId, string AdminGraphqlApiId, string Name, IReadOnlyList<long> LineItemIds, int? WebhookStatus);

/// <summary>A fulfillment the app created, as recorded by the simulator for tests.</summary>
public sealed record ShopifyFulfillmentRecord(
    string FulfillmentId,
    long OrderId,
    string? Company,
    string? Number,
    string? Url,
    bool NotifyCustomer,
    IReadOnlyList<ShopifyFulfilledLine> Lines);

public sealed record ShopifyFulfilledLine(long LineItemId, int Quantity);

internal sealed class ShopifyOrderRecord(long id, int number, DateTimeOffset createdAt, long fulfillmentOrderId, List<ShopifyOrderLineRecord> lines)
{
    public long Id => id;

    public int Number => number;

    public DateTimeOffset CreatedAt => createdAt;

    public long FulfillmentOrderId => fulfillmentOrderId;

    public List<ShopifyOrderLineRecord> Lines => lines;
}

internal sealed class ShopifyOrderLineRecord(long lineItemId, long fulfillmentOrderLineItemId, ShopifyVariantRecord variant, int quantity)
{
    public long LineItemId => lineItemId;

    public long FulfillmentOrderLineItemId => fulfillmentOrderLineItemId;

    public ShopifyVariantRecord Variant => variant;

    public int Quantity => quantity;

    public int Fulfilled { get; set; }
}
