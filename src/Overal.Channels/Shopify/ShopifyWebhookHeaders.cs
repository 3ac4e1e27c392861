namespace Overal.Channels.Shopify;

/// <summary>Header names Shopify sends with every webhook.</summary>
public static class ShopifyWebhookHeaders
{
    /// <summary>Base64 HMAC-SHA256 of the raw body, keyed with the app's client secret.</summary>
    public const string Hmac = "X-Shopify-Hmac-SHA256";

    /// <summary>e.g. orders/create.</summary>
    public const string Topic = "X-Shopify-Topic";

    public const string ShopDomain = "X-Shopify-Shop-Domain";

    public const string ApiVersion = "X-Shopify-API-Version";

    /// <summary>Unique per delivery attempt.</summary>
    public const string WebhookId = "X-Shopify-Webhook-Id";

    /// <summary>The same across deliveries of one event: use it to drop duplicates.</summary>
    public const string EventId = "X-Shopify-Event-Id";
}
