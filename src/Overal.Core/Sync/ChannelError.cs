namespace Overal.Core.Sync;

/// <summary>One failed call to a channel, as shown among its recent errors.</summary>
public sealed record ChannelError(DateTimeOffset At, string Message);
