using System.Collections.Concurrent;

namespace Overal.Hub.Alerts;

/// <summary>
/// The current alerts, deduplicated by key. In memory on purpose for now: alerts are re-derived from live state every
/// few seconds, so a restart loses only acknowledgements and mutes (persisting them is a follow-up).
/// </summary>
public sealed class AlertBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Alert> _alerts = new();
    private readonly Lock _gate = new();

    /// <summary>Raised after any change; the dashboard re-renders on it.</summary>
    public event Action? Changed;

    public IReadOnlyList<Alert> All() => [.. _alerts.Values.OrderByDescending(a => a.Active).ThenByDescending(a => a.Severity).ThenByDescending(a => a.LastSeen)];

    public Alert? Find(Guid id) => _alerts.Values.FirstOrDefault(a => a.Id == id);

    /// <summary>Raises or refreshes the alerts seen in one evaluation pass and resolves every other active one.</summary>
    /// <returns>The alerts this pass newly raised and that are not muted (the ones to notify about).</returns>
    public IReadOnlyList<Alert> Observe(IReadOnlyList<(string Key, AlertKind Kind, AlertSeverity Severity, string ChannelId, string Message)> seen)
    {
        var now = time.GetUtcNow();
        var changed = false;
        var raised = new List<Alert>();
        lock (_gate)
        {
            foreach (var s in seen)
            {
                if (_alerts.TryGetValue(s.Key, out var existing) && existing.Active)
                {
                    changed |= existing.Message != s.Message || existing.Severity != s.Severity;
                    _alerts[s.Key] = existing with { LastSeen = now, Message = s.Message, Severity = s.Severity };
                }
                else
                {
                    // A new occurrence (or a resolved one coming back) needs a fresh acknowledgement; a mute still holds.
                    var alert = new Alert(Guid.CreateVersion7(), s.Key, s.Kind, s.Severity, s.ChannelId, s.Message, now, now, true, null, null, existing?.MutedUntil);
                    _alerts[s.Key] = alert;
                    if (!alert.IsMuted(now)) raised.Add(alert);
                    changed = true;
                }
            }
            var keys = seen.Select(s => s.Key).ToHashSet();
            foreach (var (key, alert) in _alerts)
            {
                if (alert.Active && !keys.Contains(key))
                {
                    _alerts[key] = alert with { Active = false, LastSeen = now };
                    changed = true;
                }
            }
        }
        if (changed) Changed?.Invoke();
        return raised;
    }

    public bool Acknowledge(Guid id, string user) => Update(id, a => a with { AcknowledgedBy = user, AcknowledgedAt = time.GetUtcNow() });

    public bool Mute(Guid id, TimeSpan period) => Update(id, a => a with { MutedUntil = time.GetUtcNow() + period });

    private bool Update(Guid id, Func<Alert, Alert> change)
    {
        lock (_gate)
        {
            var alert = Find(id);
            if (alert is null) return false;
            _alerts[alert.Key] = change(alert);
        }
        Changed?.Invoke();
        return true;
    }
}
