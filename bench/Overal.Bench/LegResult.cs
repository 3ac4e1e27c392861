namespace Overal.Bench;

/// <summary>Runs in order: ceiling closed, ceiling open, hub closed, hub open.</summary>
public sealed record LegResult(string Provider, IReadOnlyList<RunResult> Runs, double HubPeakMiB, IReadOnlyList<(string Name, string Value)> Settings)
{
    public RunResult CeilingClosed => Runs[0];
    public RunResult HubClosed => Runs[2];
    public RunResult HubOpen => Runs[3];
    public double Ratio => HubClosed.OpsPerSecond / CeilingClosed.OpsPerSecond;

    public string Consistency { get; init; } = "";
}
