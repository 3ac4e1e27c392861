namespace Overal.Core.Alerts;

/// <summary>
/// The stored form of one deduplicated alert (one row per key). Kept so that acknowledgements, mutes and the recent
/// history survive a restart; the hub's alert board keeps the same rows in memory for the pages.
/// </summary>
public sealed class AlertRecord
{
    public Guid Id { get; set; }

    /// <summary>The rule and its subject, e.g. "latency:webshop" or "lowstock:bol".</summary>
    public required string Key { get; set; }

    public AlertKind Kind { get; set; }
    public AlertSeverity Severity { get; set; }
    public required string ChannelId { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public bool Active { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? MutedUntil { get; set; }
}
