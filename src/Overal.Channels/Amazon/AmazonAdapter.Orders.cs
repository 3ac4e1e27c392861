using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Amazon.Internal;

namespace Overal.Channels.Amazon;

public sealed partial class AmazonAdapter
{
    // confirmShipment needs the order's marketplace; remembered from the orders this adapter imported.
    private readonly ConcurrentDictionary<string, string> _orderMarketplaces = new(StringComparer.Ordinal);

    /// <summary>
    /// getOrders with LastUpdatedAfter (then NextToken pages), getOrderItems per order. Orders not updated after the
    /// cursor are left out so repeated polls import an order once. Page token: "NextToken|latest update (ticks)".
    /// </summary>
    public async Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken)
    {
        var since = cursor?.Since ?? _time.GetUtcNow() - _options.InitialOrderLookback;
        var (nextToken, latest) = ParsePageToken(cursor?.PageToken, since);
        var marketplaces = Uri.EscapeDataString(string.Join(',', Marketplaces));
        var query = nextToken is null
            ? $"orders/v0/orders?MarketplaceIds={marketplaces}&LastUpdatedAfter={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))}&MaxResultsPerPage=100"
            : $"orders/v0/orders?MarketplaceIds={marketplaces}&NextToken={Uri.EscapeDataString(nextToken)}";
        var list = await _api.SendAsync("getOrders", HttpMethod.Get, query, null, cancellationToken);
        if (!list.IsSuccess) throw new InvalidOperationException($"getOrders refused ({list.Status}): {AmazonApi.Errors(list.Body)}");
        var payload = list.Json?["payload"];
        var orders = new List<ChannelOrder>();
        foreach (var order in payload?["Orders"] as JsonArray ?? [])
        {
            var updated = DateTimeOffset.Parse(order!["LastUpdateDate"]!.ToString(), CultureInfo.InvariantCulture);
            if (updated <= since) continue;
            var id = order["AmazonOrderId"]!.ToString();
            var items = await _api.SendAsync("getOrderItems", HttpMethod.Get, $"orders/v0/orders/{Uri.EscapeDataString(id)}/orderItems", null, cancellationToken);
            if (!items.IsSuccess) continue;
            _orderMarketplaces[id] = order["MarketplaceId"]?.ToString() ?? Marketplaces[0];
            orders.Add(ToChannelOrder(order, items.Json?["payload"]?["OrderItems"] as JsonArray ?? []));
            if (updated > latest) latest = updated;
        }
        return payload?["NextToken"]?.ToString() is { Length: > 0 } next
            ? new ChannelOrderPage(orders, new ChannelOrderCursor(since, PageToken(next, latest)), true)
            : new ChannelOrderPage(orders, new ChannelOrderCursor(latest, null), false);
    }

    public async Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["marketplaceId"] = _orderMarketplaces.GetValueOrDefault(shipment.ExternalOrderId, Marketplaces[0]),
            ["packageDetail"] = new JsonObject
            {
                ["packageReferenceId"] = "1",
                ["carrierCode"] = shipment.Carrier,
                ["trackingNumber"] = shipment.TrackingNumber,
                ["shipDate"] = shipment.ShippedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["orderItems"] = new JsonArray([.. shipment.Lines.Select(l => (JsonNode)new JsonObject { ["orderItemId"] = l.ExternalLineId, ["quantity"] = l.Quantity })]),
            },
        };
        try
        {
            var response = await _api.SendAsync("confirmShipment", HttpMethod.Post,
                $"orders/v0/orders/{Uri.EscapeDataString(shipment.ExternalOrderId)}/shipmentConfirmation", body, cancellationToken);
            return response.IsSuccess ? ChannelActionResult.Ok : new ChannelActionResult(false, false, AmazonApi.Errors(response.Body));
        }
        catch (AmazonUnavailableException e)
        {
            return new ChannelActionResult(false, true, e.Message, e.ThrottledFor);
        }
    }

    private static ChannelOrder ToChannelOrder(JsonNode order, JsonArray items)
    {
        decimal Amount(JsonNode? money) =>
            decimal.TryParse(money?["Amount"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : 0m;
        var address = order["ShippingAddress"];
        var lines = items.Select(i =>
        {
            var quantity = i!["QuantityOrdered"]!.GetValue<int>();
            return new ChannelOrderLine(i["OrderItemId"]!.ToString(), i["SellerSKU"]?.ToString(), null, quantity,
                quantity == 0 ? 0m : Math.Round(Amount(i["ItemPrice"]) / quantity, 2), Amount(i["PromotionDiscount"]));
        }).ToList();
        return new ChannelOrder(
            "amazon",
            order["AmazonOrderId"]!.ToString(),
            DateTimeOffset.Parse(order["PurchaseDate"]!.ToString(), CultureInfo.InvariantCulture),
            order["OrderTotal"]?["CurrencyCode"]?.ToString() ?? "EUR",
            new ChannelCustomer(null, order["BuyerInfo"]?["BuyerEmail"]?.ToString(), null, null),
            new ChannelDelivery("home", address?["AddressLine1"]?.ToString(), address?["PostalCode"]?.ToString(), address?["City"]?.ToString(),
                address?["CountryCode"]?.ToString(), null, null),
            order["OrderStatus"]?.ToString() == "Pending" ? "pending" : "paid",
            lines);
    }

    private static (string? NextToken, DateTimeOffset Latest) ParsePageToken(string? token, DateTimeOffset since)
    {
        var cut = token?.LastIndexOf('|') ?? -1;
        return cut > 0 && long.TryParse(token![(cut + 1)..], CultureInfo.InvariantCulture, out var ticks)
            ? (token[..cut], new DateTimeOffset(ticks, TimeSpan.Zero))
            : (null, since);
    }

    private static string PageToken(string next, DateTimeOffset latest) => string.Create(CultureInfo.InvariantCulture, $"{next}|{latest.UtcTicks}");
}
