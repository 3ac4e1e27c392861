namespace Overal.Simulators.Shopify;

/// <summary>Bound from configuration section <c>Simulators:Shopify</c>. Defaults are the real contract (Standard plan).</summary>
public sealed class ShopifySimulatorOptions
{
    public const string Section = "Simulators:Shopify";

    /// <summary>The Admin API access token the app must send in X-Shopify-Access-Token.</summary>
    public string AccessToken { get; set; } = "shpat_overal_simulator";

    public string ShopDomain { get; set; } = "overal-sim.myshopify.com";

    /// <summary>Sent as X-Shopify-API-Version on webhooks.</summary>
    public string ApiVersion { get; set; } = "2026-04";

    /// <summary>Leaky bucket size in cost points, per app and store (Standard 2000).</summary>
    public double MaximumAvailable { get; set; } = 2000;

    /// <summary>Cost points restored per second (Standard 100, Advanced 200, Plus 1000).</summary>
    public double RestoreRate { get; set; } = 100;

    /// <summary>Shopify's single-query ceiling; a request costing more fails with MAX_COST_EXCEEDED.</summary>
    public int SingleQueryMaxCost { get; set; } = 1000;

    /// <summary>HTTP status of a throttled call: 200 with a Throttled error (default) or 429 (the contract marks it UNCONFIRMED).</summary>
    public int ThrottledStatusCode { get; set; } = 200;

    /// <summary>How many locations the shop has; seeded stock goes to the first one.</summary>
    public int LocationCount { get; set; } = 1;

    /// <summary>Where orders/create webhooks go (the hub's /webhooks/shopify); null: no webhooks.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The app's client secret used to sign webhooks.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Waits before each retry of a failed webhook delivery. The contract gives the count and span (8 retries
    /// over 4 h); the spacing is ours: retries 10 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h and 4 h after the
    /// first attempt. Shorten it in code for tests or a demo; configuration binding appends list items to this
    /// default instead of replacing it.
    /// </summary>
    public IReadOnlyList<TimeSpan> WebhookRetryDelays { get; set; } =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];
}
