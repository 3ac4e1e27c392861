namespace Overal.Simulators.Bol;

/// <summary>Bound from configuration section <c>Simulators:Bol</c>. Defaults are the real contract (channel-contracts.md §2).</summary>
public sealed class BolSimulatorOptions
{
    public const string Section = "Simulators:Bol";

    /// <summary>Folder with the official specs; null: env OVERAL_SPECS_DIR or ../shared/reference/specs.</summary>
    public string? SpecsDirectory { get; set; }

    public string ClientId { get; set; } = "overal-bol-client";

    public string ClientSecret { get; set; } = "overal-bol-secret";

    /// <summary>≈ 299 s as reported (UNCONFIRMED).</summary>
    public int TokenLifetimeSeconds { get; set; } = 299;

    /// <summary>Token requests allowed per minute before the client is answered 429 (bol blocks clients that ask too often; exact figure UNCONFIRMED).</summary>
    public int TokenRequestsPerMinute { get; set; } = 10;

    /// <summary>How long a queued (202) call stays PENDING before it turns SUCCESS or FAILURE.</summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an offer export stays PENDING; null: <see cref="ProcessingDelay"/>. bol prepares exports of large
    /// assortments for minutes, so a client must keep polling the one export it asked for.
    /// </summary>
    public TimeSpan? ExportProcessingDelay { get; set; }

    /// <summary>Retry-After (seconds) sent with a 429 caused by the throttle fault control.</summary>
    public int ThrottleRetryAfterSeconds { get; set; } = 1;

    /// <summary>Rate limits per endpoint group. Orders figures from bol's conventions page; offers and process status UNCONFIRMED.</summary>
    public Dictionary<string, BolRateLimit> RateLimits { get; set; } = new()
    {
        [BolRateGroups.OrdersList] = new(7, TimeSpan.FromMinutes(3)),
        [BolRateGroups.OrderDetail] = new(8, TimeSpan.FromMinutes(1)),
        [BolRateGroups.OrdersWrite] = new(25, TimeSpan.FromMinutes(1)),
        [BolRateGroups.Offers] = new(25, TimeSpan.FromSeconds(1)),
        [BolRateGroups.ProcessStatus] = new(50, TimeSpan.FromSeconds(1)),
    };
}

/// <summary>At most <paramref name="Limit"/> calls per <paramref name="Window"/>.</summary>
public sealed record BolRateLimit(int Limit, TimeSpan Window);
