namespace Overal.Core.Messaging;

/// <summary>Exponential backoff with ±20 % jitter, so many failing rows do not retry in lock-step.</summary>
public static class Backoff
{
    public static TimeSpan For(int attempt, TimeSpan initial, TimeSpan max)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 20);
        var raw = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var jittered = raw * (0.8 + Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }
}
