using System.Collections.Concurrent;

namespace Overal.Core.Sync;

/// <summary>Every channel's <see cref="ChannelHealth"/>, for the dispatcher, the API and the dashboard.</summary>
public sealed class ChannelHealthBoard
{
    private readonly ConcurrentDictionary<string, ChannelHealth> _channels = new();

    public ChannelHealth For(string channelId) => _channels.GetOrAdd(channelId, id => new ChannelHealth(id));

    public IReadOnlyList<ChannelHealthSnapshot> Snapshots() => [.. _channels.Values.Select(c => c.Snapshot()).OrderBy(s => s.ChannelId)];
}
