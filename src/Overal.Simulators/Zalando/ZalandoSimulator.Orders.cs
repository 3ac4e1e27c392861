using System.Globalization;
using System.Text.Json;

namespace Overal.Simulators.Zalando;

public sealed partial class ZalandoSimulator
{
    private readonly List<ZalandoSimOrder> _orders = [];
    private int _orderNumber = 10_000_000;

    /// <summary>
    /// GET /merchants/{id}/orders?include=order_items,order_lines&amp;order_status=approved&amp;exported=false&amp;page_size=50&amp;page_number=1
    /// as a JSON:API document; order_status takes a comma-separated list. Paging parameter page_number and
    /// <c>links.next</c> are UNCONFIRMED choices.
    /// </summary>
    private async Task<IResult> GetOrdersAsync(string merchantId, HttpContext context, CancellationToken cancellationToken)
    {
        if (!IsAuthorized(context)) return ZalandoErrors.JsonApi(401, "Unauthorized", "missing or invalid access token");
        var fault = await FaultAsync(jsonApi: true, cancellationToken);
        if (fault is not null) return fault;
        if (merchantId != Options.MerchantId) return ZalandoErrors.JsonApi(403, "Forbidden", "not your merchant id");
        if (!context.Request.Headers.Accept.ToString().Contains(ZalandoErrors.JsonApiMediaType, StringComparison.Ordinal))
        {
            return ZalandoErrors.JsonApi(406, "Not Acceptable", "Accept must include application/vnd.api+json");
        }

        var query = context.Request.Query;
        var statuses = query["order_status"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var exportedText = query["exported"].ToString();
        if (exportedText is not ("" or "true" or "false"))
        {
            return ZalandoErrors.JsonApi(400, "Bad Request", "exported must be true or false");
        }
        bool? exported = exportedText.Length == 0 ? null : exportedText == "true";
        var pageSize = int.TryParse(query["page_size"], CultureInfo.InvariantCulture, out var ps) ? ps : 50;
        var pageNumber = int.TryParse(query["page_number"], CultureInfo.InvariantCulture, out var pn) ? pn : 1;
        if (pageSize is < 1 or > 1000 || pageNumber < 1)
        {
            return ZalandoErrors.JsonApi(400, "Bad Request", "page_size must be 1..1000 and page_number >= 1");
        }
        var include = query["include"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        lock (_gate)
        {
            var matching = _orders
                .Where(o => statuses.Length == 0 || statuses.Contains(o.Status))
                .Where(o => exported is null || o.Exported == exported)
                .OrderBy(o => o.OrderDate).ThenBy(o => o.Id, StringComparer.Ordinal)
                .ToList();
            var page = matching.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
            var self = context.Request.Path + context.Request.QueryString;
            var links = new Dictionary<string, string> { ["self"] = self };
            if (pageNumber * pageSize < matching.Count)
            {
                var next = query.ToDictionary(q => q.Key, q => q.Value.ToString());
                next["page_number"] = (pageNumber + 1).ToString(CultureInfo.InvariantCulture);
                links["next"] = context.Request.Path + Microsoft.AspNetCore.Http.QueryString.Create(next!).ToString();
            }
            return Results.Json(new
            {
                data = page.Select(ZalandoOrderDocument.Order).ToList(),
                included = ZalandoOrderDocument.Included(page, include.Contains("order_items"), include.Contains("order_lines")),
                links,
            }, Json, ZalandoErrors.JsonApiMediaType);
        }
    }

    /// <summary>The simulator's view of one order, for tests: status, exported flag, tracking number, line statuses.</summary>
    public ZalandoOrderSnapshot? Order(string orderId)
    {
        lock (_gate)
        {
            var order = _orders.Find(o => o.Id == orderId);
            return order is null ? null : new ZalandoOrderSnapshot(
                order.Status, order.Exported, order.TrackingNumber, [.. order.Items.SelectMany(i => i.Lines).Select(l => l.Status)]);
        }
    }

    /// <summary>GET /merchants/{id}/orders/{order_id}?include=order_items,order_lines: one order as a JSON:API document.</summary>
    private async Task<IResult> GetOrderAsync(string merchantId, string orderId, HttpContext context, CancellationToken cancellationToken)
    {
        if (!IsAuthorized(context)) return ZalandoErrors.JsonApi(401, "Unauthorized", "missing or invalid access token");
        var fault = await FaultAsync(jsonApi: true, cancellationToken);
        if (fault is not null) return fault;
        if (merchantId != Options.MerchantId) return ZalandoErrors.JsonApi(403, "Forbidden", "not your merchant id");
        if (!context.Request.Headers.Accept.ToString().Contains(ZalandoErrors.JsonApiMediaType, StringComparison.Ordinal))
        {
            return ZalandoErrors.JsonApi(406, "Not Acceptable", "Accept must include application/vnd.api+json");
        }
        var include = context.Request.Query["include"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lock (_gate)
        {
            var order = _orders.Find(o => o.Id == orderId);
            if (order is null) return ZalandoErrors.JsonApi(404, "Not Found", $"order {orderId} not found");
            return Results.Json(new
            {
                data = ZalandoOrderDocument.Order(order),
                included = ZalandoOrderDocument.Included([order], include.Contains("order_items"), include.Contains("order_lines")),
            }, Json, ZalandoErrors.JsonApiMediaType);
        }
    }

    /// <summary>
    /// PATCH /merchants/{id}/orders/{order_id} with <c>{data:{type:"Order", id, attributes:{exported?, tracking_number?,
    /// return_tracking_number?}}}</c> (shape UNCONFIRMED, JSON:API update-resource form) → 204.
    /// </summary>
    private async Task<IResult> PatchOrderAsync(string merchantId, string orderId, HttpContext context, CancellationToken cancellationToken)
    {
        var (error, attributes) = await ReadPatchAsync(merchantId, "Order", orderId, context, cancellationToken);
        if (error is not null) return error;
        lock (_gate)
        {
            var order = _orders.Find(o => o.Id == orderId);
            if (order is null) return ZalandoErrors.JsonApi(404, "Not Found", $"order {orderId} not found");
            foreach (var attribute in attributes!.Value.EnumerateObject())
            {
                var pointer = "/data/attributes/" + attribute.Name;
                switch (attribute.Name)
                {
                    case "exported" when attribute.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    case "tracking_number" or "return_tracking_number"
                        when attribute.Value.ValueKind == JsonValueKind.String && attribute.Value.GetString()!.Trim().Length is > 0 and <= 64:
                        break;
                    case "exported" or "tracking_number" or "return_tracking_number":
                        return ZalandoErrors.JsonApi(422, "Unprocessable Entity", attribute.Name + " has an invalid value", pointer);
                    default:
                        return ZalandoErrors.JsonApi(422, "Unprocessable Entity", attribute.Name + " cannot be changed", pointer);
                }
            }
            foreach (var attribute in attributes.Value.EnumerateObject())
            {
                switch (attribute.Name)
                {
                    case "exported": order.Exported = attribute.Value.GetBoolean(); break;
                    case "tracking_number": order.TrackingNumber = attribute.Value.GetString(); break;
                    case "return_tracking_number": order.ReturnTrackingNumber = attribute.Value.GetString(); break;
                }
            }
            order.ModifiedAt = _time.GetUtcNow();
            return Results.NoContent();
        }
    }

    /// <summary>
    /// PATCH /merchants/{id}/orders/{order_id}/items/{item_id}/lines/{line_id} with
    /// <c>{data:{type:"OrderLine", id, attributes:{status: reserved|shipped|canceled|returned}}}</c> (shape UNCONFIRMED) → 204.
    /// Shipping needs an approved order with a tracking number (else 422); only open lines can be shipped or canceled,
    /// only shipped lines returned. When no line is open any more the order becomes fulfilled.
    /// </summary>
    private async Task<IResult> PatchOrderLineAsync(
        string merchantId, string orderId, string itemId, string lineId, HttpContext context, CancellationToken cancellationToken)
    {
        var (error, attributes) = await ReadPatchAsync(merchantId, "OrderLine", lineId, context, cancellationToken);
        if (error is not null) return error;
        const string pointer = "/data/attributes/status";
        if (!attributes!.Value.TryGetProperty("status", out var statusElement) || statusElement.ValueKind != JsonValueKind.String)
        {
            return ZalandoErrors.JsonApi(422, "Unprocessable Entity", "status is required", pointer);
        }
        var status = statusElement.GetString();
        lock (_gate)
        {
            var order = _orders.Find(o => o.Id == orderId);
            var line = order?.Items.Find(i => i.Id == itemId)?.Lines.Find(l => l.Id == lineId);
            if (order is null || line is null) return ZalandoErrors.JsonApi(404, "Not Found", "order line not found");
            var open = line.Status is "initial" or "reserved";
            var refusal = status switch
            {
                "reserved" when line.Status != "initial" => "only an initial line can be reserved",
                "shipped" when order.Status != "approved" => "the order is not approved",
                "shipped" when string.IsNullOrEmpty(order.TrackingNumber) => "tracking_number must be set on the order before lines are shipped",
                "shipped" or "canceled" when !open => $"line is {line.Status}",
                "returned" when line.Status != "shipped" => "only a shipped line can be returned",
                "reserved" or "shipped" or "canceled" or "returned" => null,
                _ => "status must be one of reserved, shipped, canceled, returned",
            };
            if (refusal is not null) return ZalandoErrors.JsonApi(422, "Unprocessable Entity", refusal, pointer);
            line.Status = status!;
            if (order.Status == "approved" && order.Items.SelectMany(i => i.Lines).All(l => l.Status is not ("initial" or "reserved")))
            {
                order.Status = "fulfilled";
            }
            order.ModifiedAt = _time.GetUtcNow();
            return Results.NoContent();
        }
    }

    /// <summary>Checks auth, faults, media type and the JSON:API envelope; returns the attributes object.</summary>
    private async Task<(IResult? Error, JsonElement? Attributes)> ReadPatchAsync(
        string merchantId, string type, string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (!IsAuthorized(context)) return (ZalandoErrors.JsonApi(401, "Unauthorized", "missing or invalid access token"), null);
        var fault = await FaultAsync(jsonApi: true, cancellationToken);
        if (fault is not null) return (fault, null);
        if (merchantId != Options.MerchantId) return (ZalandoErrors.JsonApi(403, "Forbidden", "not your merchant id"), null);
        if (!context.Request.ContentType?.StartsWith(ZalandoErrors.JsonApiMediaType, StringComparison.Ordinal) ?? true)
        {
            return (ZalandoErrors.JsonApi(415, "Unsupported Media Type", "Content-Type must be application/vnd.api+json"), null);
        }
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (ZalandoErrors.JsonApi(400, "Bad Request", "body is not valid JSON"), null);
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return (ZalandoErrors.JsonApi(400, "Bad Request", "a data object is required", "/data"), null);
        }
        if (!data.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != type)
        {
            return (ZalandoErrors.JsonApi(409, "Conflict", $"data.type must be {type}", "/data/type"), null);
        }
        if (!data.TryGetProperty("id", out var i) || i.ValueKind != JsonValueKind.String || i.GetString() != id)
        {
            return (ZalandoErrors.JsonApi(409, "Conflict", "data.id must match the URL", "/data/id"), null);
        }
        if (!data.TryGetProperty("attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object)
        {
            return (ZalandoErrors.JsonApi(400, "Bad Request", "data.attributes object is required", "/data/attributes"), null);
        }
        return (null, attributes);
    }

    /// <summary>Not part of zDirect: places an order as a shopper would. Body: {items:[{sku|ean, quantity}], status?, country?}.</summary>
    private async Task<IResult> PlaceOrderAsync(ZalandoPlaceOrder request, CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var country = request.Country ?? Options.SalesChannels.Keys.First();
        if (!Options.SalesChannels.TryGetValue(country, out var salesChannel)) return Results.BadRequest(new { error = "unknown country " + country });
        lock (_gate)
        {
            var items = new List<ZalandoSimOrderItem>();
            foreach (var line in request.Items)
            {
                var ean = line.Ean ?? (line.Sku is not null && _eanBySku.TryGetValue(line.Sku, out var e) ? e : null);
                if (ean is null || !_skuByEan.TryGetValue(ean, out var sku)) return Results.BadRequest(new { error = "unknown article " + (line.Sku ?? line.Ean) });
                items.Add(new ZalandoSimOrderItem
                {
                    Id = Guid.CreateVersion7().ToString(),
                    Ean = ean,
                    ArticleId = "ZAL-" + sku,
                    Lines = [.. Enumerable.Range(0, Math.Max(1, line.Quantity)).Select(_ => new ZalandoSimOrderLine
                    {
                        Id = Guid.CreateVersion7().ToString(),
                        Price = _priceByEan[ean],
                    })],
                });
            }
            var now = _time.GetUtcNow();
            var order = new ZalandoSimOrder
            {
                Id = Guid.CreateVersion7().ToString(),
                OrderNumber = (++_orderNumber).ToString(CultureInfo.InvariantCulture),
                SalesChannelId = salesChannel,
                OrderDate = now,
                ModifiedAt = now,
                Status = request.Status is "initial" ? "initial" : "approved",
                ShippingAddress = new ZalandoSimAddress("Sanne", "de Vries", "Keizersgracht 1", "1015 CJ", "Amsterdam", country),
                Items = items,
            };
            _orders.Add(order);
            return Results.Json(new { id = order.Id, order_number = order.OrderNumber, status = order.Status }, Json, statusCode: 201);
        }
    }
}

public sealed record ZalandoOrderSnapshot(string Status, bool Exported, string? TrackingNumber, IReadOnlyList<string> LineStatuses);

public sealed record ZalandoPlaceOrder(IReadOnlyList<ZalandoPlaceOrderLine> Items, string? Status, string? Country);

public sealed record ZalandoPlaceOrderLine(string? Sku, string? Ean, int Quantity = 1);
