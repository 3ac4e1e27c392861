namespace Overal.Channels.Bol.Internal;

/// <summary>bol cannot take this call now (throttled, 5xx, network, no rate room); the caller reports RetryLater.</summary>
internal sealed class BolUnavailableException(string message, TimeSpan? retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
