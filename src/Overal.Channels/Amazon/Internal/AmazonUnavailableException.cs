namespace Overal.Channels.Amazon.Internal;

/// <summary>
/// SP-API cannot take this call now (quota, 5xx, network, empty bucket); push calls report RetryLater. It is an
/// HttpRequestException so that what escapes FetchOrders/ReadStock can be caught without seeing this internal type.
/// </summary>
internal sealed class AmazonUnavailableException(string message, TimeSpan? retryAfter, Exception? inner = null) : HttpRequestException(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
