namespace Overal.Simulators.Zalando;

public enum RateWindowKind
{
    /// <summary>Counts what arrived in the last window length before now.</summary>
    Sliding,

    /// <summary>Counts what arrived since the start of the current window (windows aligned on multiples of the length).</summary>
    Fixed,
}

/// <summary>
/// A weighted request counter over a sliding or fixed window. Zalando does not say which kind it runs, so both are
/// available (UNCONFIRMED); a client that passes the sliding check also passes the fixed one.
/// </summary>
internal sealed class RateWindow(RateWindowKind kind, TimeSpan length, int limit)
{
    private readonly Queue<(DateTimeOffset At, int Weight)> _entries = new();
    private int _total;
    private long _fixedWindowIndex = -1;

    public int Limit => limit;

    /// <summary>What is still free now (without consuming it).</summary>
    public int Remaining(DateTimeOffset now)
    {
        Expire(now);
        return Math.Max(0, limit - _total);
    }

    /// <summary>How long until <paramref name="weight"/> more would fit (zero when it fits now).</summary>
    public TimeSpan WaitFor(DateTimeOffset now, int weight)
    {
        Expire(now);
        if (_total + weight <= limit) return TimeSpan.Zero;
        if (kind == RateWindowKind.Fixed)
        {
            var next = new DateTimeOffset((_fixedWindowIndex + 1) * length.Ticks, TimeSpan.Zero);
            return next - now;
        }
        var freed = _total;
        foreach (var (at, w) in _entries)
        {
            freed -= w;
            if (freed + weight <= limit) return at + length - now;
        }
        return length;
    }

    public void Add(DateTimeOffset now, int weight)
    {
        Expire(now);
        _entries.Enqueue((now, weight));
        _total += weight;
    }

    private void Expire(DateTimeOffset now)
    {
        if (kind == RateWindowKind.Fixed)
        {
            var index = now.UtcTicks / length.Ticks;
            if (index != _fixedWindowIndex)
            {
                _fixedWindowIndex = index;
                _entries.Clear();
                _total = 0;
            }
            return;
        }
        while (_entries.Count > 0 && _entries.Peek().At <= now - length)
        {
            _total -= _entries.Dequeue().Weight;
        }
    }
}
