namespace Overal.Simulators.Meta;

/// <summary>
/// Meta Commerce catalog simulator settings, bound from configuration section <c>Simulators:Meta</c>.
/// Defaults follow channel-contracts.md §6.
/// </summary>
public sealed class MetaSimulatorOptions
{
    public const string Section = "Simulators:Meta";

    /// <summary>System-user access token the Graph API accepts.</summary>
    public string AccessToken { get; set; } = "overal-meta-system-user-token";

    /// <summary>Business id used as the key of the X-Business-Use-Case-Usage header.</summary>
    public string BusinessId { get; set; } = "100200300400500";

    /// <summary>Catalogs by name; the first is the one <see cref="MetaSimulator.Quantities"/> reports.</summary>
    public Dictionary<string, string> Catalogs { get; set; } = new()
    {
        ["instagram"] = "811223344556677",
        ["facebook"] = "822334455667788",
    };

    public int MaxRequestsPerBatch { get; set; } = 5000;

    /// <summary>items_batch calls per catalog per <see cref="BatchCallWindow"/> ("up to 100 calls per hour"; the exact window is UNCONFIRMED).</summary>
    public int BatchCallsPerWindow { get; set; } = 100;

    public TimeSpan BatchCallWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a batch stays in_progress before it is applied (UNCONFIRMED; real batches take seconds to minutes).</summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>estimated_time_to_regain_access (minutes) reported with an injected throttle fault.</summary>
    public int FaultRegainAccessMinutes { get; set; }
}
