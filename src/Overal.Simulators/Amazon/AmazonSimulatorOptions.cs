namespace Overal.Simulators.Amazon;

/// <summary>Bound from configuration section <c>Simulators:Amazon</c>. Defaults are the real contract (channel-contracts.md §3).</summary>
public sealed class AmazonSimulatorOptions
{
    public const string Section = "Simulators:Amazon";

    public const string Netherlands = "A1805IZSGTT6HS";
    public const string Belgium = "AMEN7PMS3EDWL";

    /// <summary>Folder with the official specs; null: env OVERAL_SPECS_DIR or ../shared/reference/specs.</summary>
    public string? SpecsDirectory { get; set; }

    public string ClientId { get; set; } = "amzn1.application-oa2-client.overal";

    public string ClientSecret { get; set; } = "overal-lwa-secret";

    public string RefreshToken { get; set; } = "Atzr|overal-refresh-token";

    public string SellerId { get; set; } = "A2OVERALSELLER";

    public string[] Marketplaces { get; set; } = [Netherlands, Belgium];

    /// <summary>LWA access tokens live one hour.</summary>
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// How long a feed stays IN_QUEUE before it is processed (on the simulator's TimeProvider). Real feeds take
    /// minutes (UNCONFIRMED how many: Amazon names no figure); tests set it short.
    /// </summary>
    public TimeSpan FeedProcessingDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Processing reports are stored GZIP-compressed and getFeedDocument says compressionAlgorithm GZIP, as the
    /// live service does for them; false serves them plain (the FeedDocument model allows both).
    /// </summary>
    public bool CompressReports { get; set; } = true;

    /// <summary>Token buckets per operation (rate per second, burst). Listings and orders from the specs; feeds from Amazon's usage-plan pages.</summary>
    public Dictionary<string, AmazonRateLimit> RateLimits { get; set; } = new()
    {
        ["patchListingsItem"] = new(5, 10),
        ["getListingsItem"] = new(5, 10),
        ["getOrders"] = new(0.0167, 20),
        ["getOrderItems"] = new(0.5, 30),
        ["confirmShipment"] = new(2, 10),
        ["createFeedDocument"] = new(0.5, 15),
        ["createFeed"] = new(0.0083, 15),
        ["getFeed"] = new(2, 15),
        ["getFeedDocument"] = new(0.0222, 10),
    };
}

/// <summary>A token bucket: <paramref name="Rate"/> tokens per second, at most <paramref name="Burst"/> saved up.</summary>
public sealed record AmazonRateLimit(double Rate, int Burst);
