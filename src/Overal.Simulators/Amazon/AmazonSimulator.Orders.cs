using System.Globalization;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Amazon;

public sealed partial class AmazonSimulator
{
    private readonly Dictionary<string, OrdersQuery> _nextTokens = [];

    private IResult GetOrders(AmazonCall call)
    {
        var marketplaces = call.Query("MarketplaceIds").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (marketplaces.Any(m => !Options.Marketplaces.Contains(m)))
        {
            return AmazonErrors.Create(400, "InvalidInput", "Invalid MarketplaceIds.", "MarketplaceIds");
        }
        OrdersQuery query;
        if (call.Query("NextToken") is { Length: > 0 } next)
        {
            if (!_nextTokens.TryGetValue(next, out query!)) return AmazonErrors.Create(400, "InvalidInput", "Invalid NextToken.", "NextToken");
        }
        else
        {
            DateTimeOffset? Date(string name) =>
                DateTimeOffset.TryParse(call.Query(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
            var created = Date("CreatedAfter");
            var updated = Date("LastUpdatedAfter");
            if ((created is null) == (updated is null))
            {
                return AmazonErrors.Create(400, "InvalidInput", "Exactly one of CreatedAfter or LastUpdatedAfter must be specified.", "CreatedAfter");
            }
            var max = call.Query("MaxResultsPerPage") is { Length: > 0 } m ? int.Parse(m, CultureInfo.InvariantCulture) : 100;
            if (max is < 1 or > 100) return AmazonErrors.Create(400, "InvalidInput", "MaxResultsPerPage must be 1 - 100.", "MaxResultsPerPage");
            query = new OrdersQuery(marketplaces, created, updated, max, 0);
        }

        var matching = _orders.Values
            .Where(o => query.Marketplaces.Contains(o.MarketplaceId))
            .Where(o => query.CreatedAfter is null || o.PurchaseDate >= query.CreatedAfter)
            .Where(o => query.LastUpdatedAfter is null || o.LastUpdateDate >= query.LastUpdatedAfter)
            .OrderBy(o => o.LastUpdateDate).ThenBy(o => o.AmazonOrderId, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(query.Offset).Take(query.Max).ToList();
        var payload = new JsonObject
        {
            ["Orders"] = new JsonArray([.. page.Select(o => (JsonNode)OrderJson(o))]),
            ["LastUpdatedBefore"] = Iso(_time.GetUtcNow()),
        };
        if (query.Offset + page.Count < matching.Count)
        {
            var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
            _nextTokens[token] = query with { Offset = query.Offset + page.Count };
            payload["NextToken"] = token;
        }
        return Json(new JsonObject { ["payload"] = payload });
    }

    private static JsonObject OrderJson(AmazonOrder o) => new()
    {
        ["AmazonOrderId"] = o.AmazonOrderId,
        ["PurchaseDate"] = Iso(o.PurchaseDate),
        ["LastUpdateDate"] = Iso(o.LastUpdateDate),
        ["OrderStatus"] = o.Status,
        ["FulfillmentChannel"] = "MFN",
        ["SalesChannel"] = o.MarketplaceId == AmazonSimulatorOptions.Belgium ? "Amazon.com.be" : "Amazon.nl",
        ["ShipServiceLevel"] = "Std NL Dom_1",
        ["OrderTotal"] = Money(o.Items.Sum(i => i.UnitPrice * i.QuantityOrdered)),
        ["NumberOfItemsShipped"] = o.Items.Sum(i => i.QuantityShipped),
        ["NumberOfItemsUnshipped"] = o.Items.Sum(i => i.QuantityOrdered - i.QuantityShipped),
        ["PaymentMethod"] = "Other",
        ["MarketplaceId"] = o.MarketplaceId,
        ["OrderType"] = "StandardOrder",
        ["IsPrime"] = false,
        ["IsBusinessOrder"] = false,
        ["ShippingAddress"] = new JsonObject
        {
            ["City"] = "Utrecht", ["PostalCode"] = "3511 AB",
            ["CountryCode"] = o.MarketplaceId == AmazonSimulatorOptions.Belgium ? "BE" : "NL",
        },
    };

    private IResult GetOrderItems(AmazonCall call)
    {
        if (!_orders.TryGetValue(call.Route("orderId"), out var order))
        {
            return AmazonErrors.Create(404, "InvalidInput", $"Order {call.Route("orderId")} not found.");
        }
        return Json(new JsonObject
        {
            ["payload"] = new JsonObject
            {
                ["AmazonOrderId"] = order.AmazonOrderId,
                ["OrderItems"] = new JsonArray([.. order.Items.Select(i => (JsonNode)new JsonObject
                {
                    ["ASIN"] = i.Listing.Asin,
                    ["SellerSKU"] = i.Listing.Sku,
                    ["OrderItemId"] = i.OrderItemId,
                    ["Title"] = i.Listing.Title,
                    ["QuantityOrdered"] = i.QuantityOrdered,
                    ["QuantityShipped"] = i.QuantityShipped,
                    ["ItemPrice"] = Money(i.UnitPrice * i.QuantityOrdered),
                    ["PromotionDiscount"] = Money(0m),
                })]),
            },
        });
    }

    private IResult ConfirmShipment(AmazonCall call)
    {
        if (!_orders.TryGetValue(call.Route("orderId"), out var order))
        {
            return AmazonErrors.Create(404, "InvalidInput", $"Order {call.Route("orderId")} not found.");
        }
        var body = call.Body!;
        if (body["marketplaceId"]!.ToString() != order.MarketplaceId)
        {
            return AmazonErrors.Create(400, "InvalidInput", "marketplaceId does not match the order.", "marketplaceId");
        }
        var package = body["packageDetail"]!;
        var lines = package["orderItems"]!.AsArray().Select(l => (Id: l!["orderItemId"]!.ToString(), Quantity: l["quantity"]!.GetValue<int>())).ToList();
        foreach (var (id, quantity) in lines)
        {
            var item = order.Items.FirstOrDefault(i => i.OrderItemId == id);
            if (item is null) return AmazonErrors.Create(400, "InvalidInput", $"Order item {id} is not part of order {order.AmazonOrderId}.", "orderItemId");
            if (quantity < 1 || quantity > item.Open)
            {
                return AmazonErrors.Create(400, "InvalidInput", $"Order item {id} cannot ship {quantity} more unit(s).", "quantity");
            }
        }
        foreach (var (id, quantity) in lines) order.Items.First(i => i.OrderItemId == id).QuantityShipped += quantity;
        order.Packages.Add($"{package["carrierCode"]}:{package["trackingNumber"]}");
        order.LastUpdateDate = _time.GetUtcNow();
        return Results.NoContent();
    }

    /// <summary>What Amazon knows about an order's shipping and cancellation (tests).</summary>
    public (string Status, IReadOnlyList<string> Packages)? OrderState(string amazonOrderId)
    {
        lock (_gate)
        {
            SettleFeeds();
            return _orders.TryGetValue(amazonOrderId, out var o) ? (o.Status, [.. o.Packages]) : null;
        }
    }

    private async Task<IResult> PlaceOrder(HttpContext context, CancellationToken cancellationToken)
    {
        var request = await context.Request.ReadFromJsonAsync<SimOrderRequest>(cancellationToken);
        if (request?.Items is not { Count: > 0 }) return Results.BadRequest("items required");
        lock (_gate)
        {
            var items = new List<AmazonOrderItem>();
            foreach (var line in request.Items)
            {
                if (!_listings.TryGetValue(line.Sku, out var listing)) return Results.BadRequest($"No listing for {line.Sku}");
                items.Add(new AmazonOrderItem
                {
                    // 14 digits, as amzn-base.xsd writes AmazonOrderItemCode.
                    OrderItemId = NextId() + NextId()[..7], Listing = listing, QuantityOrdered = Math.Max(1, line.Quantity ?? 1), UnitPrice = listing.Price,
                });
            }
            var now = _time.GetUtcNow();
            var digits = NextId();
            var order = new AmazonOrder
            {
                AmazonOrderId = $"405-{digits}-{digits[..7]}", MarketplaceId = request.MarketplaceId ?? AmazonSimulatorOptions.Netherlands,
                PurchaseDate = now, LastUpdateDate = now, Items = items,
            };
            _orders[order.AmazonOrderId] = order;
            return Results.Json(new { amazonOrderId = order.AmazonOrderId }, statusCode: 201);
        }
    }

    private static JsonObject Money(decimal amount) => new()
    {
        ["CurrencyCode"] = "EUR",
        ["Amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private sealed record OrdersQuery(string[] Marketplaces, DateTimeOffset? CreatedAfter, DateTimeOffset? LastUpdatedAfter, int Max, int Offset);

    /// <summary>Body of POST /amazon/_sim/orders (not part of the SP-API).</summary>
    public sealed record SimOrderRequest(IReadOnlyList<SimOrderLine> Items, string? MarketplaceId);

    public sealed record SimOrderLine(string Sku, int? Quantity);
}
