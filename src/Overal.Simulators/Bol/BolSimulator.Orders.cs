using System.Globalization;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Bol;

public sealed partial class BolSimulator
{
    private const int OrdersPageSize = 50;

    // bol's list of transporter codes (a subset; the hub's carriers map onto these).
    private static readonly HashSet<string> TransporterCodes =
    [
        "BPOST_BE", "BPOST_BRIEF", "BRIEFPOST", "COURIER", "DHL", "DHL_DE", "DHLFORYOU", "DPD-NL", "DPD-BE",
        "FEDEX_NL", "FEDEX_BE", "GLS", "PACKS", "TNT", "TNT-EXPRESS", "TNT_BRIEF", "UPS", "OTHER",
    ];

    private IResult ListOrders(BolCall call)
    {
        var q = call.Request.Query;
        var page = int.TryParse(q["page"], out var p) ? p : 1;
        var method = q["fulfilment-method"].ToString() is { Length: > 0 } m ? m : "FBR";
        var status = q["status"].ToString() is { Length: > 0 } s ? s : "OPEN";
        var now = _time.GetUtcNow();
        DateTimeOffset? changedSince = int.TryParse(q["change-interval-minute"], out var minutes) ? now.AddMinutes(-minutes) : null;
        DateOnly? changedOn = DateOnly.TryParse(q["latest-change-date"], CultureInfo.InvariantCulture, out var d) ? d : null;

        bool Matches(BolOrderItem i) =>
            (method == "ALL" || method == "FBR")
            && (status == "ALL" || (status == "OPEN" ? i.IsOpen : i.QuantityShipped > 0))
            && (changedSince is null || i.LatestChange >= changedSince)
            && (changedOn is null || DateOnly.FromDateTime(i.LatestChange.UtcDateTime) == changedOn);

        var orders = _orders.Values
            .OrderBy(o => o.PlacedAt)
            .Select(o => (Order: o, Items: o.Items.Where(Matches).ToList()))
            .Where(x => x.Items.Count > 0)
            .Skip((page - 1) * OrdersPageSize).Take(OrdersPageSize)
            .Select(x => new JsonObject
            {
                ["orderId"] = x.Order.OrderId,
                ["orderPlacedDateTime"] = Stamp(x.Order.PlacedAt),
                ["orderItems"] = new JsonArray([.. x.Items.Select(i => new JsonObject
                {
                    ["orderItemId"] = i.OrderItemId,
                    ["ean"] = i.Offer.Ean,
                    ["fulfilmentMethod"] = "FBR",
                    ["fulfilmentStatus"] = i.IsOpen ? "OPEN" : "HANDLED",
                    ["quantity"] = i.Quantity,
                    ["quantityShipped"] = i.QuantityShipped,
                    ["quantityCancelled"] = i.QuantityCancelled,
                    ["cancellationRequest"] = false,
                    ["latestChangedDateTime"] = Stamp(i.LatestChange),
                })]),
            })
            .ToList();
        // bol answers an empty page with an empty object.
        return Json(orders.Count == 0 ? new JsonObject() : new JsonObject { ["orders"] = new JsonArray([.. orders]) });
    }

    private IResult GetOrder(BolCall call)
    {
        if (!_orders.TryGetValue(call.Route("orderId"), out var order))
        {
            return BolProblems.Create(call.Request, 404, "Not Found", $"Order {call.Route("orderId")} not found.");
        }
        JsonObject Address(bool billing) => new()
        {
            ["salutation"] = "UNKNOWN",
            ["firstName"] = order.FirstName,
            ["surname"] = order.Surname,
            ["streetName"] = order.Street,
            ["houseNumber"] = order.HouseNumber,
            ["zipCode"] = order.ZipCode,
            ["city"] = order.City,
            ["countryCode"] = order.CountryCode,
            ["email"] = order.Email,
            [billing ? "company" : "language"] = billing ? null : "nl",
        };
        return Json(new JsonObject
        {
            ["orderId"] = order.OrderId,
            ["pickupPoint"] = false,
            ["orderPlacedDateTime"] = Stamp(order.PlacedAt),
            ["shipmentDetails"] = Address(false),
            ["billingDetails"] = Address(true),
            ["orderItems"] = new JsonArray([.. order.Items.Select(i => new JsonObject
            {
                ["orderItemId"] = i.OrderItemId,
                ["cancellationRequest"] = false,
                ["fulfilment"] = new JsonObject
                {
                    ["method"] = "FBR", ["distributionParty"] = "RETAILER", ["timeFrameType"] = "REGULAR",
                    ["latestDeliveryDate"] = order.PlacedAt.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                ["offer"] = new JsonObject { ["offerId"] = i.Offer.OfferId, ["reference"] = i.Offer.Reference },
                ["product"] = new JsonObject { ["ean"] = i.Offer.Ean, ["title"] = i.Offer.Title },
                ["quantity"] = i.Quantity,
                ["quantityShipped"] = i.QuantityShipped,
                ["quantityCancelled"] = i.QuantityCancelled,
                ["unitPrice"] = i.UnitPrice,
                ["totalPrice"] = i.UnitPrice * i.Quantity,
                ["commission"] = Math.Round(i.UnitPrice * i.Quantity * 0.15m, 2),
                ["discounts"] = new JsonArray(),
                ["latestChangedDateTime"] = Stamp(i.LatestChange),
            })]),
        });
    }

    private IResult CreateShipment(BolCall call)
    {
        var lines = call.Body!["orderItems"]!.AsArray()
            .Select(i => (Id: i!["orderItemId"]!.GetValue<string>(), Quantity: i["quantity"]?.GetValue<int>()))
            .ToList();
        var transporter = call.Body["transport"]?["transporterCode"]?.GetValue<string>();
        var trackAndTrace = call.Body["transport"]?["trackAndTrace"]?.GetValue<string>();
        var process = Queue("CREATE_SHIPMENT", lines[0].Id, $"Example process status description for processing {lines[0].Id}.", () =>
        {
            if (transporter is not null && !TransporterCodes.Contains(transporter)) return $"Unknown transporter code '{transporter}'.";
            var items = new List<(BolOrderItem Item, int Quantity)>();
            foreach (var (id, quantity) in lines)
            {
                var item = FindItem(id);
                if (item is null) return $"Order item {id} does not exist.";
                var open = item.Quantity - item.QuantityShipped - item.QuantityCancelled;
                var shipping = quantity ?? open;
                if (shipping <= 0 || shipping > open) return $"Order item {id} has {open} unit(s) open, cannot ship {shipping}.";
                items.Add((item, shipping));
            }
            foreach (var (item, quantity) in items)
            {
                item.QuantityShipped += quantity;
                item.TransporterCode = transporter;
                item.TrackAndTrace = trackAndTrace;
                item.LatestChange = _time.GetUtcNow();
            }
            return null;
        });
        return Accepted(call, process);
    }

    private IResult CancelItems(BolCall call)
    {
        var line = call.Body!["orderItems"]![0]!;
        var id = line["orderItemId"]!.GetValue<string>();
        var reason = line["reasonCode"]!.GetValue<string>();
        var process = Queue("CANCEL_ORDER", id, $"Example process status description for processing {id}.", () =>
        {
            var item = FindItem(id);
            if (item is null) return $"Order item {id} does not exist.";
            if (!item.IsOpen) return $"Order item {id} is already handled.";
            item.QuantityCancelled = item.Quantity - item.QuantityShipped;
            item.CancellationReason = reason;
            item.LatestChange = _time.GetUtcNow();
            return null;
        });
        return Accepted(call, process);
    }

    /// <summary>What bol knows about one order item (tests and the control surface).</summary>
    public BolOrderItemState? OrderItemState(string orderItemId)
    {
        lock (_gate)
        {
            Settle();
            var item = FindItem(orderItemId);
            return item is null ? null
                : new BolOrderItemState(item.Quantity, item.QuantityShipped, item.QuantityCancelled, item.CancellationReason, item.TransporterCode, item.TrackAndTrace);
        }
    }

    private BolOrderItem? FindItem(string orderItemId) =>
        _orders.Values.SelectMany(o => o.Items).FirstOrDefault(i => i.OrderItemId == orderItemId);

    private async Task<IResult> PlaceOrder(HttpContext context, CancellationToken cancellationToken)
    {
        var request = await context.Request.ReadFromJsonAsync<SimOrderRequest>(cancellationToken);
        if (request is null || request.Items is not { Count: > 0 }) return Results.BadRequest("items required");
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var items = new List<BolOrderItem>();
            foreach (var line in request.Items)
            {
                var offer = _offers.Values.FirstOrDefault(o => o.Reference == line.Sku || (line.Ean is not null && o.Ean == line.Ean));
                if (offer is null) return Results.BadRequest($"No offer for {line.Sku ?? line.Ean}");
                items.Add(new BolOrderItem
                {
                    OrderItemId = NextId(), Offer = offer, Quantity = Math.Max(1, line.Quantity ?? 1), UnitPrice = offer.Price, LatestChange = now,
                });
            }
            var order = new BolOrder { OrderId = "B" + NextId(), PlacedAt = now, Items = items };
            _orders[order.OrderId] = order;
            return Results.Json(new { orderId = order.OrderId, orderItemIds = items.Select(i => i.OrderItemId).ToArray() }, statusCode: 201);
        }
    }

    private static string Stamp(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>Body of POST /bol/_sim/orders (not part of bol's contract).</summary>
    public sealed record SimOrderRequest(IReadOnlyList<SimOrderLine> Items);

    public sealed record SimOrderLine(string? Sku, string? Ean, int? Quantity);
}
