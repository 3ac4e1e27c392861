namespace Overal.Bench.Sync;

/// <summary>One row of GET /api/sync/channels, reduced to what the benchmark reads.</summary>
public sealed record ChannelState(string ChannelId, bool SyncsStock, bool Connected, int InSync, int Pending, int Failed, int Dead, long Calls, long ItemsConfirmed,
    string? Circuit = null, string? PausedUntil = null, string? LastError = null)
{
    public int Backlog => Pending + Failed;

    /// <summary>Why a channel is behind, as its health board tells it.</summary>
    public string Describe() => $"circuit {Circuit ?? "?"}{(PausedUntil is null ? "" : $", paused until {PausedUntil}")}{(LastError is null ? "" : $", last error: {LastError}")}";
}
