using System.Globalization;
using System.Text.Json.Nodes;
using Overal.Channels.Abstractions;
using Overal.Channels.Bol.Internal;

namespace Overal.Channels.Bol;

public sealed partial class BolAdapter
{
    private const int OrdersPageSize = 50;

    private static readonly Dictionary<string, string> ReasonCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["out_of_stock"] = "OUT_OF_STOCK",
        ["requested_by_customer"] = "REQUESTED_BY_CUSTOMER",
        ["not_available_in_time"] = "NOT_AVAIL_IN_TIME",
        ["technical_issue"] = "TECH_ISSUE",
    };

    // The hub's carrier names → bol transporter codes; anything else is sent as OTHER.
    private static readonly Dictionary<string, string> TransporterCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PostNL"] = "TNT", ["TNT"] = "TNT", ["DHL"] = "DHL", ["DHLForYou"] = "DHLFORYOU", ["DHL For You"] = "DHLFORYOU",
        ["DPD"] = "DPD-NL", ["DPD-BE"] = "DPD-BE", ["GLS"] = "GLS", ["UPS"] = "UPS", ["bpost"] = "BPOST_BE",
        ["FedEx"] = "FEDEX_NL", ["Briefpost"] = "BRIEFPOST", ["Courier"] = "COURIER",
    };

    /// <summary>
    /// Orders whose items changed after <c>cursor.Since</c>. Within bol's 60-minute window it asks with
    /// change-interval-minute; further back it lists OPEN orders. Orders not changed since the cursor are left out,
    /// so repeated polls import an order once. The page token is "page|latest change seen (ticks)".
    /// </summary>
    public async Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var since = cursor?.Since ?? now - _options.InitialOrderLookback;
        var (page, latest) = ParsePageToken(cursor?.PageToken, since);
        var minutes = (int)Math.Ceiling((now - since).TotalMinutes) + 1;
        var filter = minutes <= 60 ? $"status=ALL&change-interval-minute={minutes}" : "status=OPEN";
        var list = await _api.SendAsync(HttpMethod.Get, $"retailer/orders?page={page}&fulfilment-method=FBR&{filter}", null, cancellationToken);
        if (!list.IsSuccess) throw new InvalidOperationException($"bol refused the order list ({list.Status}): {BolApi.Detail(list.Body)}");
        var summaries = list.Json?["orders"] as JsonArray ?? [];

        var orders = new List<ChannelOrder>();
        foreach (var summary in summaries)
        {
            var changed = (summary?["orderItems"] as JsonArray ?? [])
                .Select(i => DateTimeOffset.Parse(i!["latestChangedDateTime"]!.ToString(), CultureInfo.InvariantCulture))
                .DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            if (changed <= since) continue;
            try
            {
                var detail = await _api.SendAsync(HttpMethod.Get, $"retailer/orders/{Uri.EscapeDataString(summary!["orderId"]!.ToString())}", null, cancellationToken);
                if (!detail.IsSuccess || detail.Json is not { } json) continue;
                orders.Add(ToChannelOrder(json));
                if (changed > latest) latest = changed;
            }
            catch (BolUnavailableException) when (orders.Count > 0 || page > 1)
            {
                // Out of detail quota: hand over what we have; the same page is asked again next time (the hub dedupes).
                return new ChannelOrderPage(orders, new ChannelOrderCursor(since, PageToken(page, latest)), true);
            }
        }
        return summaries.Count >= OrdersPageSize
            ? new ChannelOrderPage(orders, new ChannelOrderCursor(since, PageToken(page + 1, latest)), true)
            : new ChannelOrderPage(orders, new ChannelOrderCursor(latest, null), false);
    }

    public async Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["orderItems"] = new JsonArray([.. shipment.Lines.Select(l => (JsonNode)new JsonObject { ["orderItemId"] = l.ExternalLineId, ["quantity"] = l.Quantity })]),
            ["shipmentReference"] = shipment.ExternalOrderId,
            ["transport"] = new JsonObject
            {
                ["transporterCode"] = TransporterCodes.GetValueOrDefault(shipment.Carrier, "OTHER"),
                ["trackAndTrace"] = shipment.TrackingNumber,
            },
        };
        return await SubmitAsync([(HttpMethod.Post, "retailer/shipments", body)], cancellationToken);
    }

    /// <summary>bol cancels one order item per call (the spec's maxItems is 1); all calls are awaited together.</summary>
    public async Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        if (!ReasonCodes.TryGetValue(cancellation.ReasonCode, out var reason))
        {
            return new ChannelActionResult(false, false, $"No bol reason code for '{cancellation.ReasonCode}'.");
        }
        var calls = cancellation.Lines.Select(l => (HttpMethod.Put, "retailer/orders/cancellation", new JsonObject
        {
            ["orderItems"] = new JsonArray(new JsonObject { ["orderItemId"] = l.ExternalLineId, ["reasonCode"] = reason }),
        })).ToList();
        return await SubmitAsync(calls, cancellationToken);
    }

    private async Task<ChannelActionResult> SubmitAsync(IReadOnlyList<(HttpMethod Method, string Path, JsonObject Body)> calls, CancellationToken cancellationToken)
    {
        try
        {
            var ids = new List<string>();
            foreach (var (method, path, body) in calls)
            {
                var response = await _api.SendAsync(method, path, body, cancellationToken);
                if (!response.IsSuccess) return new ChannelActionResult(false, false, $"bol answered {response.Status}: {BolApi.Detail(response.Body)}");
                var process = BolProcessOutcome.From(response.Json)!;
                if (process.Status == "FAILURE") return new ChannelActionResult(false, false, process.Error);
                if (process.Status != "SUCCESS") ids.Add(process.Id);
            }
            if (ids.Count == 0) return ChannelActionResult.Ok;
            var outcomes = await _tracker.AwaitAsync(ids, cancellationToken);
            if (outcomes.Values.FirstOrDefault(o => o.Status == "FAILURE") is { } failed) return new ChannelActionResult(false, false, failed.Error);
            if (outcomes.Values.FirstOrDefault(o => o.Status != "SUCCESS") is { } open) return new ChannelActionResult(false, true, open.Error ?? open.Status);
            return ChannelActionResult.Ok;
        }
        catch (BolUnavailableException e)
        {
            return new ChannelActionResult(false, true, e.Message, e.ThrottledFor);
        }
    }

    private static ChannelOrder ToChannelOrder(JsonNode order)
    {
        var shipment = order["shipmentDetails"];
        var billing = order["billingDetails"] ?? shipment;
        var pickup = order["pickupPoint"]?.GetValue<bool>() == true;
        var street = string.Join(" ", new[] { shipment?["streetName"], shipment?["houseNumber"], shipment?["houseNumberExtension"] }
            .Select(x => x?.ToString()).Where(x => !string.IsNullOrEmpty(x)));
        var lines = (order["orderItems"] as JsonArray ?? []).Select(i => new ChannelOrderLine(
            i!["orderItemId"]!.ToString(),
            i["offer"]?["reference"]?.ToString(),
            i["product"]?["ean"]?.ToString(),
            i["quantity"]!.GetValue<int>(),
            i["unitPrice"]?.GetValue<decimal>() ?? 0m,
            (i["discounts"] as JsonArray ?? []).Sum(d => d?["amount"]?.GetValue<decimal>() ?? 0m))).ToList();
        return new ChannelOrder(
            "bol",
            order["orderId"]!.ToString(),
            DateTimeOffset.Parse(order["orderPlacedDateTime"]!.ToString(), CultureInfo.InvariantCulture),
            "EUR",
            new ChannelCustomer($"{billing?["firstName"]} {billing?["surname"]}".Trim(), billing?["email"]?.ToString(), null, null),
            new ChannelDelivery(pickup ? "pickup_point" : "home", street, shipment?["zipCode"]?.ToString(), shipment?["city"]?.ToString(),
                shipment?["countryCode"]?.ToString(), null, pickup ? shipment?["pickupPointName"]?.ToString() : null),
            "paid",
            lines);
    }

    private static (int Page, DateTimeOffset Latest) ParsePageToken(string? token, DateTimeOffset since)
    {
        var parts = token?.Split('|');
        return parts is [var p, var t] && int.TryParse(p, CultureInfo.InvariantCulture, out var page) && long.TryParse(t, CultureInfo.InvariantCulture, out var ticks)
            ? (page, new DateTimeOffset(ticks, TimeSpan.Zero))
            : (1, since);
    }

    private static string PageToken(int page, DateTimeOffset latest) =>
        string.Create(CultureInfo.InvariantCulture, $"{page}|{latest.UtcTicks}");
}
