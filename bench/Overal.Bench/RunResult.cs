namespace Overal.Bench;

/// <summary>One measured run: successful operations per second over the run and their latency percentiles in ms.</summary>
public sealed record RunResult(
    string Provider,
    string Workload,
    string Load,
    long Operations,
    long Errors,
    string? FirstError,
    double OpsPerSecond,
    double P50,
    double P95,
    double P99,
    double Max)
{
    /// <summary>Hub CPU time per successful operation in ms (hub runs only): robust against other load on the machine.</summary>
    public double? HubCpuMsPerOp { get; init; }

    /// <summary>1-minute load average when the run started (the machine may be shared).</summary>
    public string? LoadAverage { get; init; }
}
