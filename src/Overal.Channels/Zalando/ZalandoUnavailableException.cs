namespace Overal.Channels.Zalando;

/// <summary>Zalando cannot be reached usefully right now (throttled, token limit, outage): the caller reports RetryLater.</summary>
internal sealed class ZalandoUnavailableException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
