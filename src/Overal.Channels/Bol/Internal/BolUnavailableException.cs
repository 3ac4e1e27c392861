namespace Overal.Channels.Bol.Internal;

/// <summary>
/// bol cannot take this call now (throttled, 5xx, network, no rate room); push calls report RetryLater. It is an
/// HttpRequestException so that what escapes FetchOrders/ReadStock can be caught without seeing this internal type.
/// </summary>
internal sealed class BolUnavailableException(string message, TimeSpan? retryAfter, Exception? inner = null, bool throttled = false) : HttpRequestException(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>A rate limit (a 429 or no room left in our own pacing), as opposed to the channel failing.</summary>
    public bool Throttled { get; } = throttled;

    /// <summary>What a write-back reports: a wait only for a throttle, so that an outage still counts attempts.</summary>
    public TimeSpan? ThrottledFor => Throttled ? RetryAfter ?? TimeSpan.FromSeconds(1) : null;
}
