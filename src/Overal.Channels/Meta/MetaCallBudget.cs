namespace Overal.Channels.Meta;

/// <summary>
/// The items_batch call budget of one catalog. Pacing rule: a token bucket holding <c>burst</c> calls that refills
/// at (limit − burst) per window, plus a rolling log that never lets more than <c>limit</c> calls into one window.
/// A bucket of capacity B and rate r admits at most B + r·W calls in any window W, which is exactly the limit, so
/// the log is only a backstop (and the place where Meta's own usage header can close the budget).
///
/// What this allows with Meta's 100 calls per hour and the default burst of 10: a quiet catalog gets its first
/// change out at once (up to 10 calls back to back); under sustained load the pace settles at 90 calls per hour,
/// one call every 40 s on average (36 s would be the theoretical floor at 100/h with no burst reserve). The
/// dispatcher hears RetryLater with RetryAfter meanwhile and keeps collecting changes, so the next call carries all
/// of them (up to 3,000 items): batches grow, calls do not. Worst-case latency under load is therefore about 40 s
/// plus Meta's processing time; peak throughput 90 × 3,000 = 270,000 item updates per hour per catalog.
/// </summary>
internal sealed class MetaCallBudget
{
    private readonly Lock _gate = new();
    private readonly int _limit;
    private readonly int _burst;
    private readonly TimeSpan _window;
    private readonly double _refillPerSecond;
    private readonly TimeProvider _time;
    private readonly List<Slot> _log = [];
    private double _tokens;
    private DateTimeOffset _refilledAt;
    private DateTimeOffset _closedUntil;

    public MetaCallBudget(int limit, int burst, TimeSpan window, TimeProvider time)
    {
        if (limit < 1 || burst < 1 || burst >= limit) throw new ArgumentException("Meta call budget needs 1 <= BurstCalls < CallsPerWindow.");
        _limit = limit;
        _burst = burst;
        _window = window;
        _refillPerSecond = (limit - burst) / window.TotalSeconds;
        _time = time;
        _tokens = burst;
        _refilledAt = time.GetUtcNow();
    }

    /// <summary>Takes one call from the budget, or says how long until one is free.</summary>
    public Slot? TryTake(out TimeSpan wait)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _tokens = Math.Min(_burst, _tokens + (now - _refilledAt).TotalSeconds * _refillPerSecond);
            _refilledAt = now;
            _log.RemoveAll(s => s.CompletedAt is { } at && at <= now - _window);

            var bucketWait = _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _refillPerSecond);
            var logWait = TimeSpan.Zero;
            if (_log.Count >= _limit)
            {
                var done = _log.Where(s => s.CompletedAt is not null).OrderBy(s => s.CompletedAt).Skip(_log.Count - _limit).FirstOrDefault();
                logWait = done is null ? _window : done.CompletedAt!.Value + _window - now;
            }
            var closedWait = _closedUntil > now ? _closedUntil - now : TimeSpan.Zero;
            wait = new[] { bucketWait, logWait, closedWait }.Max();
            if (wait > TimeSpan.Zero) return null;

            _tokens -= 1;
            var slot = new Slot();
            _log.Add(slot);
            return slot;
        }
    }

    /// <summary>Stamps the call with the time its answer came: Meta counted it no later than that.</summary>
    public void Complete(Slot slot)
    {
        lock (_gate) { slot.CompletedAt = _time.GetUtcNow(); }
    }

    /// <summary>Meta says the catalog is out of calls for this long (X-Business-Use-Case-Usage): spend nothing until then.</summary>
    public void CloseFor(TimeSpan duration)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + duration;
            if (until > _closedUntil) _closedUntil = until;
            _tokens = Math.Min(_tokens, 0);
        }
    }

    internal sealed class Slot
    {
        public DateTimeOffset? CompletedAt { get; set; }
    }
}
