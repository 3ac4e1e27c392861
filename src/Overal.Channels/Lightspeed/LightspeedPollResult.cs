namespace Overal.Channels.Lightspeed;

/// <summary>What one safety-net poll found.</summary>
/// <param name="Sales">Sales dated at or after the requested time, oldest first.</param>
/// <param name="Complete">False when the poll stopped early (rate limit, error): poll again from the last sale's time.</param>
/// <param name="RetryAt">When the rate limit allows the next call, if the poll stopped on it.</param>
/// <param name="Calls">HTTP calls made.</param>
/// <param name="Error">Why the poll stopped, when it stopped for a failure.</param>
public sealed record LightspeedPollResult(IReadOnlyList<PosSale> Sales, bool Complete, DateTimeOffset? RetryAt, int Calls, string? Error);
