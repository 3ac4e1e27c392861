namespace Overal.Channels.Meta;

/// <summary>
/// One Meta Commerce catalog (the Instagram shop's or the Facebook shop's); bound per channel from
/// <c>Channels:Meta:{channelId}</c>, e.g. <c>Channels:Meta:instagram:CatalogId</c>.
/// </summary>
public sealed class MetaCatalogOptions
{
    public const string Section = "Channels:Meta";

    /// <summary>API root; the simulator is http://host/meta/.</summary>
    public Uri BaseAddress { get; set; } = new("https://graph.facebook.com/");

    public string GraphVersion { get; set; } = "v24.0";

    public string CatalogId { get; set; } = "";

    /// <summary>A system-user token with catalog_management; sent as a Bearer header, never in the URL.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Requests per items_batch call: Meta allows 5,000 and recommends fewer than 3,000.</summary>
    public int MaxBatchSize { get; set; } = 3000;

    /// <summary>items_batch calls Meta allows per catalog per <see cref="CallWindow"/> ("up to 100 calls per hour").</summary>
    public int CallsPerWindow { get; set; } = 100;

    public TimeSpan CallWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Calls a quiet catalog may spend at once. The rest of the budget refills evenly, so with the defaults the
    /// sustained pace is (100 − 10) calls per hour: one call every 40 s.
    /// </summary>
    public int BurstCalls { get; set; } = 10;

    /// <summary>Longest the adapter waits for its own budget inside a call; beyond it the items come back as RetryLater.</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between check_batch_request_status polls.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a push waits for its batch to finish; after that the items are RetryLater (a re-push is harmless).</summary>
    public TimeSpan StatusTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>RetryAfter reported after an 80014 when Meta gives no estimated_time_to_regain_access.</summary>
    public TimeSpan ThrottledRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
