namespace Overal.Channels.Amazon;

/// <summary>Settings for <see cref="AmazonAdapter"/>; bound from configuration section <c>Channels:Amazon</c>.</summary>
public sealed class AmazonAdapterOptions
{
    public const string Section = "Channels:Amazon";

    /// <summary>SP-API regional endpoint (ends with '/'); simulator: http://host/amazon/.</summary>
    public Uri Endpoint { get; set; } = new("https://sellingpartnerapi-eu.amazon.com/");

    /// <summary>Login with Amazon token endpoint.</summary>
    public Uri TokenEndpoint { get; set; } = new("https://api.amazon.com/auth/o2/token");

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string RefreshToken { get; set; } = "";

    public string SellerId { get; set; } = "";

    /// <summary>
    /// Marketplaces the listings are updated in and orders are polled from (NL A1805IZSGTT6HS, BE AMEN7PMS3EDWL).
    /// Empty means NL only; it starts empty because configuration binding appends to a pre-filled array.
    /// </summary>
    public string[] MarketplaceIds { get; set; } = [];

    /// <summary>Product type sent with offer-only patches; Amazon accepts "PRODUCT" when only offer attributes change.</summary>
    public string ProductType { get; set; } = "PRODUCT";

    /// <summary>Pushes with more items than this go through one JSON_LISTINGS_FEED instead of one patch per SKU.</summary>
    public int FeedThreshold { get; set; } = 20;

    /// <summary>How often a submitted feed (a stock job, a cancellation) is asked about until it is done (getFeed: 2 rps).</summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Patch calls in flight at once (each paid for by the patchListingsItem bucket).</summary>
    public int MaxConcurrency { get; set; } = 5;

    /// <summary>Longest wait for bucket room before answering RetryLater.</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan InitialOrderLookback { get; set; } = TimeSpan.FromDays(1);
}
