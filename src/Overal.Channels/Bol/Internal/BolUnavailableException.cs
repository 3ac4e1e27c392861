namespace Overal.Channels.Bol.Internal;

/// <summary>
/// bol cannot take this call now (throttled, 5xx, network, no rate room); push calls report RetryLater. It is an
/// HttpRequestException so that what escapes FetchOrders/ReadStock can be caught without seeing this internal type.
/// </summary>
internal sealed class BolUnavailableException(string message, TimeSpan? retryAfter, Exception? inner = null) : HttpRequestException(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
