namespace Overal.Simulators.Bol;

/// <summary>Fixed-window counters per endpoint group, as bol reports them in X-RateLimit-* headers.</summary>
internal sealed class BolRateLimiter(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = [];

    /// <summary>Counts one call; returns whether it is allowed and the figures for the headers.</summary>
    public RateDecision Take(string group, BolRateLimit limit)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_windows.TryGetValue(group, out var w) || now - w.Start >= limit.Window) w = (now, 0);
            var reset = Math.Max(1, (int)Math.Ceiling((w.Start + limit.Window - now).TotalSeconds));
            if (w.Count >= limit.Limit)
            {
                _windows[group] = w;
                return new RateDecision(false, limit.Limit, 0, reset);
            }
            w = (w.Start, w.Count + 1);
            _windows[group] = w;
            return new RateDecision(true, limit.Limit, limit.Limit - w.Count, reset);
        }
    }

    public void Reset()
    {
        lock (_gate) _windows.Clear();
    }
}

internal sealed record RateDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);
