namespace Overal.Bench.Sync;

/// <summary>One row of GET /api/sync/channels, reduced to what the benchmark reads.</summary>
public sealed record ChannelState(string ChannelId, bool SyncsStock, bool Connected, int InSync, int Pending, int Failed, int Dead, long Calls, long ItemsConfirmed)
{
    public int Backlog => Pending + Failed;
}
