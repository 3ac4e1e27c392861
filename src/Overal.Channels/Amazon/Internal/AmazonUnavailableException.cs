namespace Overal.Channels.Amazon.Internal;

/// <summary>SP-API cannot take this call now (quota, 5xx, network, empty bucket); the caller reports RetryLater.</summary>
internal sealed class AmazonUnavailableException(string message, TimeSpan? retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
