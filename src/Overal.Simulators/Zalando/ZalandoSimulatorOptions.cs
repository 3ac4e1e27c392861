namespace Overal.Simulators.Zalando;

/// <summary>
/// Limits and identities of the zDirect simulator, bound from configuration section <c>Simulators:Zalando</c>.
/// Defaults are the production contract (channel-contracts.md §4).
/// </summary>
public sealed class ZalandoSimulatorOptions
{
    public const string Section = "Simulators:Zalando";

    public string ClientId { get; set; } = "overal-zalando";

    public string ClientSecret { get; set; } = "overal-zalando-secret";

    public string MerchantId { get; set; } = "6a3c1b8e-4f0d-4a8e-9c55-0d2f6c3e7b11";

    /// <summary>One sales channel per country: country code → sales_channel_id.</summary>
    public Dictionary<string, string> SalesChannels { get; set; } = new()
    {
        ["NL"] = "01924c48-49bb-40c2-9c32-ab582e6db6f4",
        ["BE"] = "0f2f5e1a-7b8c-4d3e-9a1b-2c3d4e5f6a7b",
    };

    /// <summary>Token requests allowed per <see cref="TokenWindow"/> (production: 8 per minute).</summary>
    public int TokenRequestsPerWindow { get; set; } = 8;

    public TimeSpan TokenWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lifetime of an issued access token (UNCONFIRMED; OAuth's expires_in tells the client).</summary>
    public int TokenLifetimeSeconds { get; set; } = 7200;

    public int MaxItemsPerRequest { get; set; } = 1000;

    /// <summary>Stock requests per <see cref="RateWindow"/> (production: 60 per minute).</summary>
    public int StockRequestsPerWindow { get; set; } = 60;

    /// <summary>Stock updates (items) per <see cref="RateWindow"/> (production: 2,000 per minute).</summary>
    public int StockUpdatesPerWindow { get; set; } = 2000;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sliding or fixed window: Zalando does not document which (UNCONFIRMED).</summary>
    public RateWindowKind RateWindowKind { get; set; } = RateWindowKind.Sliding;

    /// <summary>Retry-After (seconds) sent with a 429 caused by an injected throttle fault.</summary>
    public int FaultRetryAfterSeconds { get; set; } = 1;
}
