using Microsoft.EntityFrameworkCore;
using Overal.Core.Alerts;
using Overal.Core.Persistence;

namespace Overal.Hub.Alerts;

/// <summary>
/// The current alerts, deduplicated by key: held in memory for the pages and written through to the <c>alerts</c>
/// table, so acknowledgements, mutes and recent history survive a restart. Every change is written to the database
/// first and shown after, so the page never shows an acknowledgement that was not stored. Changes are serialised
/// (one evaluator pass or one user action at a time); reads never wait.
/// </summary>
public sealed class AlertBoard(IServiceScopeFactory scopes, WriteGate writeGate, AlertOptions options, TimeProvider time)
{
    private const int MaxMessageLength = 1000;

    /// <summary>An active alert seen again is stored again at most this often (its message and severity at once).</summary>
    private static readonly TimeSpan LastSeenWriteInterval = TimeSpan.FromMinutes(1);

    private volatile Dictionary<string, Alert> _alerts = [];
    private readonly SemaphoreSlim _changes = new(1, 1);
    private bool _loaded;

    /// <summary>Raised after any change; the dashboard re-renders on it.</summary>
    public event Action? Changed;

    /// <summary>Active first, then critical first, then newest first: by when an alert began, so rows do not jump while it lasts.</summary>
    public IReadOnlyList<Alert> All() => [.. _alerts.Values.OrderByDescending(a => a.Active).ThenByDescending(a => a.Severity).ThenByDescending(a => a.FirstSeen).ThenBy(a => a.Key, StringComparer.Ordinal)];

    public Alert? Find(Guid id) => _alerts.Values.FirstOrDefault(a => a.Id == id);

    /// <summary>Reads the stored alerts once (at start-up, before the first evaluation and before any page reads).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Raises or refreshes the alerts seen in one evaluation pass and resolves every other active one.</summary>
    /// <returns>The alerts this pass newly raised and that are not muted (the ones to notify about).</returns>
    public async Task<IReadOnlyList<Alert>> ObserveAsync(IReadOnlyList<(string Key, AlertKind Kind, AlertSeverity Severity, string ChannelId, string Message)> seen,
        CancellationToken cancellationToken)
    {
        var now = Now();
        var raised = new List<Alert>();
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            var next = new Dictionary<string, Alert>(_alerts);
            var changed = new List<Alert>();
            foreach (var s in seen)
            {
                var message = s.Message.Length <= MaxMessageLength ? s.Message : s.Message[..(MaxMessageLength - 1)] + "…";
                if (next.TryGetValue(s.Key, out var existing) && existing.Active)
                {
                    // Seen again unchanged: last_seen is stored at most once a minute, to keep the database quiet.
                    if (existing.Message == message && existing.Severity == s.Severity && now - existing.LastSeen < LastSeenWriteInterval) continue;
                    next[s.Key] = existing with { LastSeen = now, Message = message, Severity = s.Severity };
                    changed.Add(next[s.Key]);
                }
                else
                {
                    // A new occurrence (or a resolved one coming back) needs a fresh acknowledgement; a mute still holds.
                    var alert = new Alert(Guid.CreateVersion7(), s.Key, s.Kind, s.Severity, s.ChannelId, message, now, now, true, null, null, existing?.MutedUntil);
                    next[s.Key] = alert;
                    changed.Add(alert);
                    if (!alert.IsMuted(now)) raised.Add(alert);
                }
            }
            var keys = seen.Select(s => s.Key).ToHashSet();
            foreach (var (key, alert) in next.Where(a => a.Value.Active && !keys.Contains(a.Key)).ToList())
            {
                next[key] = alert with { Active = false, LastSeen = now };
                changed.Add(next[key]);
            }
            var expired = next.Values.Where(a => !a.Active && now - a.LastSeen > TimeSpan.FromDays(options.KeepResolvedDays)).Select(a => a.Key).ToList();
            foreach (var key in expired) next.Remove(key);
            if (changed.Count == 0 && expired.Count == 0) return raised;
            await StoreAsync(changed, expired, cancellationToken);
            _alerts = next;
        }
        finally
        {
            _changes.Release();
        }
        Changed?.Invoke();
        return raised;
    }

    /// <returns>The acknowledged alert, or null when no alert has this id.</returns>
    public Task<Alert?> AcknowledgeAsync(Guid id, string user, CancellationToken cancellationToken) =>
        UpdateAsync(id, a => a with { AcknowledgedBy = user, AcknowledgedAt = Now() }, cancellationToken);

    /// <returns>The muted alert, or null when no alert has this id.</returns>
    public Task<Alert?> MuteAsync(Guid id, TimeSpan period, CancellationToken cancellationToken) =>
        UpdateAsync(id, a => a with { MutedUntil = Now() + period }, cancellationToken);

    /// <returns>The unmuted alert, or null when no alert has this id.</returns>
    public Task<Alert?> UnmuteAsync(Guid id, CancellationToken cancellationToken) =>
        UpdateAsync(id, a => a with { MutedUntil = null }, cancellationToken);

    private async Task<Alert?> UpdateAsync(Guid id, Func<Alert, Alert> change, CancellationToken cancellationToken)
    {
        Alert updated;
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            if (Find(id) is not { } alert) return null;
            updated = change(alert);
            await StoreAsync([updated], [], cancellationToken);
            _alerts = new Dictionary<string, Alert>(_alerts) { [alert.Key] = updated };
        }
        finally
        {
            _changes.Release();
        }
        Changed?.Invoke();
        return updated;
    }

    /// <summary>Whole milliseconds, as the database stores them, so what is shown equals what a restart reads back.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var rows = await db.Set<AlertRecord>().AsNoTracking().ToListAsync(cancellationToken);
        _alerts = rows.ToDictionary(r => r.Key, Alert.From);
        _loaded = true;
    }

    /// <summary>Replaces the rows of the changed keys and deletes the expired ones, in one transaction.</summary>
    private async Task StoreAsync(IReadOnlyCollection<Alert> changed, IReadOnlyCollection<string> removed, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var keys = changed.Select(a => a.Key).Concat(removed).ToList();
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<AlertRecord>().Where(r => keys.Contains(r.Key)).ExecuteDeleteAsync(cancellationToken);
            db.Set<AlertRecord>().AddRange(changed.Select(a => a.ToRecord()));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
