namespace Overal.Core.Channels;

/// <summary>An immutable snapshot of one channel's availability rules and its pool in priority order.</summary>
public sealed record ChannelRule(
    string ChannelId,
    string Name,
    bool SyncsStock,
    int Buffer,
    int? Cap,
    int? SharePercent,
    IReadOnlyList<string> PoolLocationIds);
