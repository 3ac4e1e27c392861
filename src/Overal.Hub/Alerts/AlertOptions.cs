namespace Overal.Hub.Alerts;

/// <summary>Section "Alerts".</summary>
public sealed class AlertOptions
{
    /// <summary>Propagation latency objective (p95 over the sync latency window); above it raises a warning.</summary>
    public double LatencyObjectiveMs { get; set; } = 1000;

    public double IntervalSeconds { get; set; } = 5;
}
