using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Channels.Shopify;
using Overal.Core.Orders;

namespace Overal.Hub.Webhooks.Shopify;

/// <summary>
/// POST /webhooks/shopify: the HMAC of the raw body is checked before anything else; an orders/create enters the
/// order queue through <see cref="OrderIntake"/>, which creates an order at most once per Shopify order id — so a
/// redelivery (same X-Shopify-Event-Id) or a replay is answered 200 and changes nothing. An order with a SKU the hub
/// does not know, or in an unexpected currency, is stored needing attention and answered 200 as well: a 4xx would only
/// make Shopify retry for hours (and drop the subscription), and staff would never see the order.
/// </summary>
public static class ShopifyWebhookEndpoints
{
    public static IEndpointRouteBuilder MapShopifyWebhooks(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks/shopify", Receive).WithName("ShopifyWebhook").WithTags("Webhooks").DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<Ok<ShopifyWebhookReceipt>, ProblemHttpResult>> Receive(
        HttpRequest request, ShopifyWebhookVerifier verifier, OrderIntake intake, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (!verifier.IsAuthentic(body, request.Headers[ShopifyWebhookHeaders.Hmac].ToString()))
        {
            return TypedResults.Problem(statusCode: 401, title: "Invalid signature",
                detail: $"The {ShopifyWebhookHeaders.Hmac} header is not the HMAC-SHA256 of the body with the app's secret.");
        }
        var topic = request.Headers[ShopifyWebhookHeaders.Topic].ToString();
        if (topic != "orders/create")
        {
            return TypedResults.Ok(new ShopifyWebhookReceipt(topic, null, "ignored"));
        }

        Overal.Channels.Abstractions.ChannelOrder order;
        try
        {
            order = ShopifyOrderWebhookParser.Parse(body);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return TypedResults.Problem(statusCode: 400, title: "Malformed order", detail: e.Message);
        }
        var result = await intake.IngestAsync(order, cancellationToken);
        loggers.CreateLogger("Overal.Webhooks.Shopify").LogInformation("Shopify order {ExternalId} {Outcome} (event {EventId})",
            order.ExternalId, result.Created ? "queued" : "already known", request.Headers[ShopifyWebhookHeaders.EventId].ToString());
        return TypedResults.Ok(new ShopifyWebhookReceipt(topic, result.OrderId, result.Created ? "created" : "duplicate"));
    }
}

public sealed record ShopifyWebhookReceipt(string Topic, Guid? OrderId, string Outcome);
