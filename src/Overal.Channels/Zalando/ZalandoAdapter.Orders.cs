using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Zalando;

public sealed partial class ZalandoAdapter
{
    private const string JsonApi = "application/vnd.api+json";

    /// <summary>
    /// Polls approved orders that are not exported yet, claims each one (exported=true) and returns only what it
    /// claimed, so repeated polls import an order once. With a null cursor (hub start) it also returns approved
    /// orders already claimed: a crash between claiming and the hub saving the order is healed there, and the hub
    /// is idempotent on (channel, external id). Zalando's exported flag is the real cursor; the cursor's time only
    /// records the newest order seen. Errors surface as <see cref="HttpRequestException"/>.
    /// </summary>
    public async Task<ChannelOrderPage> FetchOrdersAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken)
    {
        var http = _httpClients.CreateClient(HttpClientName);
        var recovering = cursor is null || cursor.PageToken is not null;
        var path = cursor?.PageToken
            ?? $"merchants/{_options.MerchantId}/orders?include=order_items,order_lines&order_status=approved"
               + (recovering ? "" : "&exported=false") + $"&page_size={_options.OrderPageSize}";
        using var document = await SendJsonApiAsync(http, HttpMethod.Get, path, null, cancellationToken)
            ?? throw new HttpRequestException("Zalando answered an empty order list");
        var page = ZalandoOrderMapper.Map(document.RootElement, ChannelId);
        var next = document.RootElement.TryGetProperty("links", out var links) && links.TryGetProperty("next", out var n)
            && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

        var imported = new List<ChannelOrder>();
        var stoppedEarly = false;
        foreach (var (order, exported) in page)
        {
            if (!exported)
            {
                try
                {
                    var claim = new { data = new { type = "Order", id = order.ExternalId, attributes = new { exported = true } } };
                    (await SendJsonApiAsync(http, HttpMethod.Patch, OrderPath(order.ExternalId), claim, cancellationToken))?.Dispose();
                }
                catch (HttpRequestException)
                {
                    // Unclaimed orders stay unexported on Zalando's side and come back with the next poll.
                    stoppedEarly = true;
                    break;
                }
            }
            imported.Add(order);
        }
        var since = imported.Count > 0 ? imported.Max(o => o.PlacedAt) : cursor?.Since ?? _time.GetUtcNow();
        // Claimed orders drop out of the exported=false filter, so that query always restarts at its first page.
        return new ChannelOrderPage(imported, new ChannelOrderCursor(since, recovering ? next : null), next is not null && !stoppedEarly);
    }

    /// <summary>Sets the order's tracking number first (Zalando refuses to ship lines without one), then ships the lines.</summary>
    public Task<ChannelActionResult> ConfirmShipmentAsync(ShipmentConfirmation shipment, CancellationToken cancellationToken) =>
        ChangeLinesAsync(shipment.ExternalOrderId, shipment.Lines, "shipped", shipment.TrackingNumber, cancellationToken);

    /// <summary>Cancels open lines. zDirect's cancel takes no reason code in our contract, so the hub's reason is not sent.</summary>
    public Task<ChannelActionResult> CancelOrderLinesAsync(OrderCancellation cancellation, CancellationToken cancellationToken) =>
        ChangeLinesAsync(cancellation.ExternalOrderId, cancellation.Lines, "canceled", null, cancellationToken);

    /// <summary>Marks shipped units returned (zDirect's line status transition after shipping).</summary>
    public Task<ChannelActionResult> ConfirmReturnAsync(ReturnConfirmation returned, CancellationToken cancellationToken) =>
        ChangeLinesAsync(returned.ExternalOrderId, returned.Lines, "returned", null, cancellationToken);

    /// <summary>
    /// Our line ids are Zalando order item ids; each item holds one order line per unit. Units already in the target
    /// status count toward the requested quantity, so a retried call does not ship or cancel extra units.
    /// </summary>
    private async Task<ChannelActionResult> ChangeLinesAsync(
        string orderId, IReadOnlyList<ShipmentLine> lines, string status, string? trackingNumber, CancellationToken cancellationToken)
    {
        var http = _httpClients.CreateClient(HttpClientName);
        try
        {
            using var document = await SendJsonApiAsync(http, HttpMethod.Get, OrderPath(orderId) + "?include=order_items,order_lines", null, cancellationToken)
                ?? throw new HttpRequestException("Zalando answered an empty order");
            var order = ZalandoOrderMapper.Units(document.RootElement);
            // Plan every unit first, so an impossible request changes nothing on Zalando.
            var plan = new List<(string ItemId, string LineId)>();
            foreach (var line in lines)
            {
                if (!order.UnitsByItem.TryGetValue(line.ExternalLineId, out var units))
                {
                    return new ChannelActionResult(false, false, $"order item {line.ExternalLineId} is not on order {orderId}");
                }
                var missing = Math.Max(0, line.Quantity - units.Count(u => u.Status == status));
                // Only shipped units can come back; only open ones can be shipped or cancelled.
                var open = units.Where(u => status == "returned" ? u.Status == "shipped" : u.Status is "initial" or "reserved").Take(missing).ToList();
                if (open.Count < missing)
                {
                    return new ChannelActionResult(false, false, $"item {line.ExternalLineId} has {open.Count} open units, {missing} more requested {status}");
                }
                plan.AddRange(open.Select(u => (line.ExternalLineId, u.LineId)));
            }
            if (trackingNumber is not null && order.TrackingNumber != trackingNumber)
            {
                var tracking = new { data = new { type = "Order", id = orderId, attributes = new { tracking_number = trackingNumber } } };
                (await SendJsonApiAsync(http, HttpMethod.Patch, OrderPath(orderId), tracking, cancellationToken))?.Dispose();
            }
            foreach (var (itemId, lineId) in plan)
            {
                var patch = new { data = new { type = "OrderLine", id = lineId, attributes = new { status } } };
                (await SendJsonApiAsync(http, HttpMethod.Patch, $"{OrderPath(orderId)}/items/{itemId}/lines/{lineId}", patch, cancellationToken))?.Dispose();
            }
            return ChannelActionResult.Ok;
        }
        catch (HttpRequestException e)
        {
            // A 429 (from the API or the token endpoint) carries Zalando's wait: the hub comes back then without
            // spending an attempt. Any other failure counts.
            var throttledFor = e.InnerException is ZalandoUnavailableException { RetryAfter: { } wait } ? wait : (TimeSpan?)null;
            return new ChannelActionResult(false, e.StatusCode is null || ZalandoResponses.IsTransient(e.StatusCode.Value), e.Message, throttledFor);
        }
    }

    private string OrderPath(string orderId) => $"merchants/{_options.MerchantId}/orders/{orderId}";

    /// <summary>One JSON:API call; a failure becomes an <see cref="HttpRequestException"/> carrying the status and Zalando's error detail.</summary>
    private async Task<JsonDocument?> SendJsonApiAsync(HttpClient http, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await _tokens.GetAsync(http, cancellationToken);
        }
        catch (ZalandoUnavailableException e)
        {
            throw new HttpRequestException(e.Message, e, HttpStatusCode.TooManyRequests);
        }
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonApi));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, ZalandoStock.Json), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonApi);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized) _tokens.Invalidate(token);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var throttle = response.StatusCode == HttpStatusCode.TooManyRequests
                ? new ZalandoUnavailableException("throttled by Zalando (429)", ZalandoResponses.RetryAfter(response, _time)) : null;
            throw new HttpRequestException($"Zalando {method} {path} answered {(int)response.StatusCode}: {ZalandoOrderMapper.ErrorDetail(text)}", throttle, response.StatusCode);
        }
        return text.Length == 0 ? null : JsonDocument.Parse(text);
    }
}
