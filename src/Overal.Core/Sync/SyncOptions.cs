namespace Overal.Core.Sync;

/// <summary>Bound from the "Sync" section.</summary>
public sealed class SyncOptions
{
    /// <summary>Dispatchers are woken on commit; this poll only catches what a wake-up missed (another process, a retry coming due).</summary>
    public double PollFallbackSeconds { get; set; } = 1;

    /// <summary>Transient failures per row before it goes to the dead-letter state.</summary>
    public int MaxAttempts { get; set; } = 12;

    public double InitialBackoffSeconds { get; set; } = 0.5;
    public double MaxBackoffSeconds { get; set; } = 60;

    /// <summary>Consecutive failed pushes that open a channel's circuit, and how long it stays open before one trial push.</summary>
    public int CircuitFailureThreshold { get; set; } = 5;
    public double CircuitOpenSeconds { get; set; } = 15;

    /// <summary>How long a claimed batch is held before another process may take it over.</summary>
    public double ClaimLeaseSeconds { get; set; } = 60;

    /// <summary>Scheduled reconciliation per channel (0 = off); on demand it is POST /api/channels/{id}/reconcile.</summary>
    public double ReconcileIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// A channel that cannot be read back (Zalando) is reconciled by sending values again. A scheduled run re-sends
    /// this many, those confirmed longest ago first, so the whole listing is refreshed over several runs without
    /// taking the channel's rate limit from real changes; "Reconcile now" re-sends every one.
    /// </summary>
    public int ResendPerScheduledRun { get; set; } = 500;

    /// <summary>The window GET /api/sync/latency summarises.</summary>
    public double LatencyWindowMinutes { get; set; } = 5;

    /// <summary>Start the dispatchers (off in tools that only read).</summary>
    public bool Enabled { get; set; } = true;
}
