namespace Overal.Channels.Bol;

/// <summary>Settings for <see cref="BolAdapter"/>; bound from configuration section <c>Channels:Bol</c>.</summary>
public sealed class BolAdapterOptions
{
    public const string Section = "Channels:Bol";

    /// <summary>Retailer API root (ends with '/'): https://api.bol.com/ (demo: https://api.bol.com/retailer-demo/ is path-based; simulator: http://host/bol/).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.bol.com/");

    /// <summary>OAuth2 client-credentials endpoint.</summary>
    public Uri TokenEndpoint { get; set; } = new("https://login.bol.com/token");

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Offer calls in flight at once for one push (each still paid for by the rate gate).</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Offers one push may carry (sent as concurrent single-offer calls, statuses polled in bulk).</summary>
    public int MaxItemsPerPush { get; set; } = 50;

    /// <summary>Pause between bulk process-status polls.</summary>
    public TimeSpan ProcessStatusPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a push waits for SUCCESS/FAILURE before it reports the still-pending items as RetryLater.</summary>
    public TimeSpan ProcessStatusTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest the adapter waits for rate-limit room before it answers RetryLater instead.</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How far back the first order poll looks (when the hub has no cursor yet).</summary>
    public TimeSpan InitialOrderLookback { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Read-back switches from GET offer per SKU to one offer export above this many SKUs.</summary>
    public int ReadBackExportThreshold { get; set; } = 10;

    /// <summary>Least time between two offer exports made to find unknown offer ids.</summary>
    public TimeSpan OfferDirectoryRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the adapter keeps polling the one offer export it asked for. bol prepares exports of a large assortment
    /// for minutes; until then the SKUs waiting on it are paused (not failed). Past this the export counts as stuck:
    /// those SKUs are reported as failures (so the channel's health, circuit and alert show it) and a new export is asked for.
    /// </summary>
    public TimeSpan OfferExportPatience { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long to pause the SKUs that wait on a pending offer export before the next look at its status.</summary>
    public TimeSpan OfferExportCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
