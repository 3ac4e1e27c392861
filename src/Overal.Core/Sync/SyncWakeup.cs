using System.Collections.Concurrent;

namespace Overal.Core.Sync;

/// <summary>
/// Wakes a channel's dispatcher after a commit that made its rows dirty (an in-process signal, not a database
/// NOTIFY: see architecture.md §4.2). Signals coalesce: many wakes before the dispatcher looks count as one.
/// </summary>
public sealed class SyncWakeup
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new();

    public void Wake(string channelId)
    {
        var signal = _signals.GetOrAdd(channelId, _ => new SemaphoreSlim(0, 1));
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public void WakeAll(IEnumerable<string> channelIds)
    {
        foreach (var id in channelIds) Wake(id);
    }

    /// <summary>Returns true when woken, false when the fallback poll interval passed.</summary>
    public Task<bool> WaitAsync(string channelId, TimeSpan pollFallback, CancellationToken cancellationToken) =>
        _signals.GetOrAdd(channelId, _ => new SemaphoreSlim(0, 1)).WaitAsync(pollFallback, cancellationToken);
}
