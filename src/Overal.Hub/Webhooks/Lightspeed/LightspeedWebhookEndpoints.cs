using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Overal.Channels.Lightspeed;

namespace Overal.Hub.Webhooks.Lightspeed;

/// <summary>
/// POST /webhooks/lightspeed: the signature is checked on the raw body before anything else is read; then the
/// sale or count is recorded in one transaction per line (a few milliseconds), so the answer is fast and a
/// failure is a 5xx that Lightspeed may retry. Duplicates are no-ops through the movements' idempotency keys.
/// </summary>
public static class LightspeedWebhookEndpoints
{
    public static IEndpointRouteBuilder MapLightspeedWebhooks(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks/lightspeed", Receive).WithName("LightspeedWebhook").WithTags("Webhooks").DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> Receive(
        HttpRequest request, LightspeedWebhookVerifier verifier, IOptions<LightspeedOptions> options, PosFeed feed, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (!verifier.IsAuthentic(body, request.Headers[options.Value.SignatureHeaderName].ToString()))
        {
            return TypedResults.Problem(statusCode: 401, title: "Invalid signature",
                detail: $"The {options.Value.SignatureHeaderName} header does not match an HMAC-SHA256 of the body with the configured secret.");
        }

        LightspeedWebhook webhook;
        try
        {
            webhook = LightspeedWebhookParser.ParseForm(body);
        }
        catch (FormatException e)
        {
            return TypedResults.Problem(statusCode: 400, title: "Malformed webhook", detail: e.Message);
        }

        switch (webhook.Type)
        {
            case LightspeedWebhook.SaleUpdate:
                var sale = Parse(() => LightspeedWebhookParser.ParseSale(webhook.PayloadJson));
                if (sale is null) return TypedResults.Problem(statusCode: 400, title: "Malformed sale", detail: "The payload is not a Lightspeed sale.");
                var recorded = await feed.RecordSaleAsync(sale, cancellationToken);
                return TypedResults.Ok(new WebhookReceipt(webhook.Type, recorded, recorded == 0 ? "duplicate or not a closed sale" : "recorded"));
            case LightspeedWebhook.InventoryUpdate:
                var count = Parse(() => LightspeedWebhookParser.ParseInventory(webhook.PayloadJson));
                if (count is null) return TypedResults.Problem(statusCode: 400, title: "Malformed inventory update", detail: "The payload is not a Lightspeed inventory record.");
                // The same delivery carries the same body: its hash is the duplicate key.
                var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(webhook.PayloadJson)))[..32];
                var counted = await feed.RecordCountAsync(count, key, cancellationToken);
                return TypedResults.Ok(new WebhookReceipt(webhook.Type, counted ? 1 : 0, counted ? "recorded" : "duplicate"));
            default:
                // Other topics (product.update, customer.update, …) are acknowledged so Lightspeed does not retry them.
                return TypedResults.Ok(new WebhookReceipt(webhook.Type, 0, "ignored"));
        }
    }

    private static T? Parse<T>(Func<T> parse) where T : class
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

public sealed record WebhookReceipt(string Type, int Recorded, string Outcome);
