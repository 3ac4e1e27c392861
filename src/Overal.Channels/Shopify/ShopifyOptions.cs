namespace Overal.Channels.Shopify;

/// <summary>Connection to one Shopify store (bound from configuration, e.g. <c>Channels:Shopify</c>).</summary>
public sealed class ShopifyOptions
{
    /// <summary>e.g. overal.myshopify.com; used to build the endpoint when <see cref="BaseUrl"/> is not set.</summary>
    public string ShopDomain { get; set; } = "";

    /// <summary>Root the Admin API path is appended to (admin/api/{version}/graphql.json); the simulator: http://host/shopify/.</summary>
    public Uri? BaseUrl { get; set; }

    public string ApiVersion { get; set; } = "2026-04";

    /// <summary>Admin API access token (X-Shopify-Access-Token). A secret: never logged.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The location whose "available" quantity the webshop sells from: gid://shopify/Location/N.</summary>
    public string LocationId { get; set; } = "";

    /// <summary>The app's client secret, used to verify webhooks (see <see cref="ShopifyWebhookVerifier"/>).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>inventorySetQuantities reason; one of Shopify's listed reasons.</summary>
    public string Reason { get; set; } = "correction";

    /// <summary>Longest the adapter waits for the cost bucket to refill before answering RetryLater.</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromSeconds(2);

    internal Uri Endpoint => new(BaseUrl ?? new Uri($"https://{ShopDomain}/"), $"admin/api/{ApiVersion}/graphql.json");
}
