namespace Overal.Channels.Zalando;

/// <summary>zDirect connection and limits; bound from configuration section <c>Channels:Zalando</c>. Defaults are the production contract.</summary>
public sealed class ZalandoOptions
{
    public const string Section = "Channels:Zalando";

    /// <summary>API root; sandbox is https://api-sandbox.merchants.zalando.com/, the simulator http://host/zalando/.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.merchants.zalando.com/");

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string MerchantId { get; set; } = "";

    /// <summary>Every sales channel (one per country) that gets each stock update; Zalando expects all of them.</summary>
    public IList<string> SalesChannelIds { get; set; } = [];

    public int MaxItemsPerRequest { get; set; } = 1000;

    /// <summary>Stock requests per <see cref="RateWindow"/> (60 per minute).</summary>
    public int StockRequestsPerWindow { get; set; } = 60;

    /// <summary>Stock updates (items: SKU × sales channel) per <see cref="RateWindow"/> (2,000 per minute).</summary>
    public int StockUpdatesPerWindow { get; set; } = 2000;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Token requests per <see cref="TokenWindow"/> (8 per minute).</summary>
    public int TokenRequestsPerWindow { get; set; } = 8;

    public TimeSpan TokenWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest the adapter waits for its own budget inside a call; beyond it the items come back as RetryLater.</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromSeconds(2);

    public int OrderPageSize { get; set; } = 50;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
