using System.Globalization;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Shopify;

/// <remarks>
/// Orders placed through the control route get one fulfillment order at the first location and, when
/// WebhookUrl/WebhookSecret are set, an orders/create webhook with Shopify's headers. A failed first delivery is
/// retried in the background as Shopify does (8 retries over 4 h, see ShopifySimulator.Webhooks.cs);
/// <see cref="RedeliverOrderWebhookAsync"/> sends a duplicate delivery on demand besides.
/// </remarks>
public sealed partial class ShopifySimulator
{
    private readonly Dictionary<long, ShopifyOrderRecord> _orders = [];
    private readonly List<ShopifyFulfillmentRecord> _fulfillments = [];
    private readonly Dictionary<long, (JsonObject Payload, string EventId)> _orderEvents = [];
    private int _orderNumber = 1000;

    public IReadOnlyList<ShopifyFulfillmentRecord> Fulfillments()
    {
        lock (_gate) { return [.. _fulfillments]; }
    }

    private async Task<IResult> PlaceOrderFromRouteAsync(ShopifySimOrderRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await PlaceOrderAsync(request, cancellationToken));
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400);
        }
    }

    /// <summary>Places an order as a shopper would, then delivers orders/create to the configured webhook URL
    /// (retried in the background if this first attempt fails).</summary>
    public async Task<ShopifySimOrderPlaced> PlaceOrderAsync(ShopifySimOrderRequest request, CancellationToken cancellationToken)
    {
        ShopifyOrderRecord order;
        JsonObject payload;
        string eventId;
        lock (_gate)
        {
            if (request.Lines.Count == 0) throw new ArgumentException("An order needs at least one line.");
            var lines = new List<ShopifyOrderLineRecord>();
            foreach (var line in request.Lines)
            {
                if (!_bySku.TryGetValue(line.Sku, out var variant)) throw new ArgumentException($"Unknown SKU {line.Sku}.");
                if (line.Quantity <= 0) throw new ArgumentException("Quantity must be positive.");
                lines.Add(new ShopifyOrderLineRecord(NextId(), NextId(), variant, line.Quantity));
                // A sale takes the units from the first location, as Shopify does for the fulfilling location.
                _levels[(variant.InventoryItemId, _locations[0])] -= line.Quantity;
            }
            order = new ShopifyOrderRecord(NextId(), ++_orderNumber, _time.GetUtcNow(), NextId(), lines);
            _orders[order.Id] = order;
            payload = OrderPayload(order, request);
            eventId = Guid.CreateVersion7().ToString();
            _orderEvents[order.Id] = (payload, eventId);
        }
        var status = await DeliverWebhookAsync("orders/create", payload, eventId, retry: true, cancellationToken);
        return new ShopifySimOrderPlaced(order.Id, ShopifyGid.Of("Order", order.Id), "#" + order.Number,
            [.. order.Lines.Select(l => l.LineItemId)], status);
    }

    /// <summary>Delivers an order's orders/create once more, on demand, as a retry would: same X-Shopify-Event-Id,
    /// new X-Shopify-Webhook-Id. Not retried itself if it fails.</summary>
    public Task<int?> RedeliverOrderWebhookAsync(long orderId, CancellationToken cancellationToken)
    {
        (JsonObject Payload, string EventId) delivered;
        lock (_gate) { delivered = _orderEvents[orderId]; }
        return DeliverWebhookAsync("orders/create", delivered.Payload, delivered.EventId, retry: false, cancellationToken);
    }

    private JsonObject OrderPayload(ShopifyOrderRecord order, ShopifySimOrderRequest request)
    {
        static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        var subtotal = order.Lines.Sum(l => l.Variant.Price * l.Quantity);
        var discount = Math.Min(request.DiscountCode?.Amount ?? 0m, subtotal);
        var allocations = Allocate(order.Lines, subtotal, discount);
        var total = subtotal - discount;
        var email = request.Email ?? $"shopper{order.Number}@example.nl";
        var address = new JsonObject
        {
            ["first_name"] = "Sanne", ["last_name"] = "de Vries", ["name"] = "Sanne de Vries",
            ["address1"] = "Prinsengracht 263", ["city"] = "Amsterdam", ["zip"] = "1016 GV",
            ["country"] = "Netherlands", ["country_code"] = "NL", ["phone"] = request.Phone,
        };
        return new JsonObject
        {
            ["id"] = order.Id,
            ["admin_graphql_api_id"] = ShopifyGid.Of("Order", order.Id),
            ["name"] = "#" + order.Number,
            ["order_number"] = order.Number,
            ["email"] = email,
            ["phone"] = request.Phone,
            ["created_at"] = order.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["updated_at"] = order.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["currency"] = request.Currency ?? "EUR",
            ["total_price"] = Money(total),
            ["subtotal_price"] = Money(total),
            ["total_line_items_price"] = Money(subtotal),
            ["total_discounts"] = Money(discount),
            ["discount_codes"] = request.DiscountCode is not { } code ? new JsonArray()
                : new JsonArray(new JsonObject { ["code"] = code.Code, ["amount"] = Money(discount), ["type"] = "fixed_amount" }),
            ["discount_applications"] = request.DiscountCode is not { } applied ? new JsonArray()
                : new JsonArray(new JsonObject
                {
                    ["type"] = "discount_code", ["code"] = applied.Code, ["value"] = Money(discount), ["value_type"] = "fixed_amount",
                    ["allocation_method"] = "across", ["target_selection"] = "all", ["target_type"] = "line_item",
                }),
            ["total_tax"] = Money(Math.Round(total * 21m / 121m, 2)),
            ["taxes_included"] = true,
            ["financial_status"] = "paid",
            ["fulfillment_status"] = null,
            ["location_id"] = null,
            ["customer"] = new JsonObject { ["id"] = NextId(), ["email"] = email, ["first_name"] = "Sanne", ["last_name"] = "de Vries", ["phone"] = request.Phone },
            ["shipping_address"] = address,
            ["billing_address"] = address.DeepClone(),
            ["line_items"] = new JsonArray([.. order.Lines.Select(l => (JsonNode?)new JsonObject
            {
                ["id"] = l.LineItemId,
                ["admin_graphql_api_id"] = ShopifyGid.Of("LineItem", l.LineItemId),
                ["variant_id"] = l.Variant.VariantId,
                ["product_id"] = l.Variant.ProductId,
                ["sku"] = l.Variant.Sku,
                ["title"] = l.Variant.Title,
                ["name"] = l.Variant.Title,
                ["quantity"] = l.Quantity,
                ["price"] = Money(l.Variant.Price),
                // Deprecated and 0.00 for an order-wide code: the line's share is in discount_allocations.
                ["total_discount"] = "0.00",
                ["discount_allocations"] = allocations[l] == 0 ? new JsonArray()
                    : new JsonArray(new JsonObject { ["amount"] = Money(allocations[l]), ["discount_application_index"] = 0 }),
                ["fulfillable_quantity"] = l.Quantity,
                ["requires_shipping"] = true,
            })]),
        };
    }

    /// <summary>An "across" allocation: each line's share in proportion to its value, in cents, the rounding rest on the last line.</summary>
    private static Dictionary<ShopifyOrderLineRecord, decimal> Allocate(List<ShopifyOrderLineRecord> lines, decimal subtotal, decimal discount)
    {
        var shares = new Dictionary<ShopifyOrderLineRecord, decimal>();
        var left = discount;
        for (var i = 0; i < lines.Count; i++)
        {
            var share = i == lines.Count - 1 || subtotal == 0 ? left : Math.Round(discount * lines[i].Variant.Price * lines[i].Quantity / subtotal, 2);
            shares[lines[i]] = share;
            left -= share;
        }
        return shares;
    }
}
