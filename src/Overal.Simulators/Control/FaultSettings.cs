namespace Overal.Simulators.Control;

/// <summary>
/// Fault controls one simulator honours; set through POST /_control/{name}/faults. All default to "healthy".
/// </summary>
public sealed class FaultSettings
{
    /// <summary>Added to every API call.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share of calls (0..1) answered with a 500/503 in the channel's error shape.</summary>
    public double ErrorRate { get; set; }

    /// <summary>The next N calls are answered with the channel's rate-limit response.</summary>
    public int ThrottleNextCalls { get; set; }

    /// <summary>Until this time every call gets 503 (a full outage).</summary>
    public DateTimeOffset? OutageUntil { get; set; }
}
