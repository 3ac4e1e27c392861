namespace Overal.Simulators.Amazon;

/// <summary>SP-API's usage plans: one token bucket per operation, refilled continuously.</summary>
internal sealed class AmazonTokenBuckets(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = [];

    public bool TryTake(string operation, AmazonRateLimit limit)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var (tokens, at) = _buckets.TryGetValue(operation, out var b) ? b : (limit.Burst, now);
            tokens = Math.Min(limit.Burst, tokens + (now - at).TotalSeconds * limit.Rate);
            var allowed = tokens >= 1;
            _buckets[operation] = (allowed ? tokens - 1 : tokens, now);
            return allowed;
        }
    }
}
