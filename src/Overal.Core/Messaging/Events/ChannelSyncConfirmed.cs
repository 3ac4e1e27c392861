namespace Overal.Core.Messaging.Events;

/// <summary>A channel confirmed new numbers for these SKUs (published by the dispatcher after it stored them).</summary>
public sealed record ChannelSyncConfirmed(string ChannelId, IReadOnlyList<string> Skus, double MaxLatencyMs) : IntegrationEvent
{
    public const string Name = "sync.channel_confirmed";

    public override string EventName => Name;
}
