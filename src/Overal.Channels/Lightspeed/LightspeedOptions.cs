namespace Overal.Channels.Lightspeed;

/// <summary>Connection to one Lightspeed Retail X-Series account (bound from configuration, e.g. <c>Channels:Lightspeed</c>).</summary>
public sealed class LightspeedOptions
{
    /// <summary>The store's domain prefix: {prefix}.retail.lightspeed.app.</summary>
    public string DomainPrefix { get; set; } = "";

    /// <summary>Root that api/2.0/... is appended to; defaults to https://{DomainPrefix}.retail.lightspeed.app/. The simulator: http://host/lightspeed/.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Bearer token for the API. A secret: never logged.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Client secret that webhooks are signed with.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Header carrying the webhook signature. UNCONFIRMED in the contract (commonly X-Signature), so configurable.</summary>
    public string SignatureHeaderName { get; set; } = "X-Signature";

    /// <summary>Sales per poll page.</summary>
    public int PollPageSize { get; set; } = 100;

    internal Uri Root => BaseUrl ?? new Uri($"https://{DomainPrefix}.retail.lightspeed.app/");
}
