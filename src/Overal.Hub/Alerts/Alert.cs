namespace Overal.Hub.Alerts;

public enum AlertKind { SyncLatency, CircuitOpen, DeadLetters, LowStock, UnusualSales }

public enum AlertSeverity { Warning, Critical }

/// <summary>One deduplicated alert (one per <see cref="Key"/>, e.g. "latency:webshop"); snapshots are immutable.</summary>
public sealed record Alert(
    Guid Id,
    string Key,
    AlertKind Kind,
    AlertSeverity Severity,
    string ChannelId,
    string Message,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    bool Active,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? MutedUntil)
{
    public bool IsMuted(DateTimeOffset now) => MutedUntil is { } until && until > now;
}
