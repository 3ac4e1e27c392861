namespace Overal.Simulators.Shopify;

/// <summary>One webhook delivery attempt as the simulator sent it (for tests and the demo).</summary>
/// <param name="EventId">X-Shopify-Event-Id: the same on every delivery of one event.</param>
/// <param name="WebhookId">X-Shopify-Webhook-Id: new on every delivery.</param>
/// <param name="Attempt">1 for an event's first delivery; automatic retries and on-demand redeliveries count on.</param>
/// <param name="Status">What the receiver answered; null on a timeout or a refused connection.</param>
/// <param name="At">When the attempt was sent, on the simulator's clock.</param>
public sealed record ShopifyWebhookDelivery(string Topic, string EventId, string WebhookId, int Attempt, int? Status, DateTimeOffset At)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
