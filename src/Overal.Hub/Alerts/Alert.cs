using Overal.Core.Alerts;

namespace Overal.Hub.Alerts;

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

    internal static Alert From(AlertRecord r) =>
        new(r.Id, r.Key, r.Kind, r.Severity, r.ChannelId, r.Message, r.FirstSeen, r.LastSeen, r.Active, r.AcknowledgedBy, r.AcknowledgedAt, r.MutedUntil);

    internal AlertRecord ToRecord() => new()
    {
        Id = Id, Key = Key, Kind = Kind, Severity = Severity, ChannelId = ChannelId, Message = Message, FirstSeen = FirstSeen,
        LastSeen = LastSeen, Active = Active, AcknowledgedBy = AcknowledgedBy, AcknowledgedAt = AcknowledgedAt, MutedUntil = MutedUntil,
    };
}
