namespace Overal.Core.Sync;

/// <summary>One reconciliation of a channel: how many SKUs were read back and how many had drifted.</summary>
public sealed class ReconciliationRun
{
    public Guid Id { get; set; }
    public required string ChannelId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Checked { get; set; }
    public int Drifted { get; set; }
    public string? Error { get; set; }
    public string Trigger { get; set; } = "schedule";
}
