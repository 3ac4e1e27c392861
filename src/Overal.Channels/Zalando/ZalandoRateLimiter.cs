namespace Overal.Channels.Zalando;

/// <summary>
/// Client-side view of zDirect's two stock limits (requests and item updates per window, whichever is hit first).
/// Each call is stamped with the time its response arrived, and in-flight calls count until then: the server
/// received it no later than that, so a call this limiter allows can never be over the server's limit, whether the
/// server counts in a sliding or a fixed window.
/// </summary>
internal sealed class ZalandoRateLimiter(int requestLimit, int updateLimit, TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<Slot> _slots = [];

    /// <summary>Takes room for one request carrying <paramref name="updates"/> items, or says how long until there is room.</summary>
    public Slot? TryReserve(int updates, out TimeSpan wait)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _slots.RemoveAll(s => s.CompletedAt is { } at && at <= now - window);
            var requests = _slots.Count;
            var used = _slots.Sum(s => s.Updates);
            if (requests + 1 <= requestLimit && used + updates <= updateLimit)
            {
                var slot = new Slot(updates);
                _slots.Add(slot);
                wait = TimeSpan.Zero;
                return slot;
            }
            wait = window;
            foreach (var done in _slots.Where(s => s.CompletedAt is not null).OrderBy(s => s.CompletedAt))
            {
                requests--;
                used -= done.Updates;
                if (requests + 1 <= requestLimit && used + updates <= updateLimit)
                {
                    wait = done.CompletedAt!.Value + window - now;
                    break;
                }
            }
            return null;
        }
    }

    public void Complete(Slot slot)
    {
        lock (_gate) { slot.CompletedAt = time.GetUtcNow(); }
    }

    internal sealed class Slot(int updates)
    {
        public int Updates { get; } = updates;

        public DateTimeOffset? CompletedAt { get; set; }
    }
}
