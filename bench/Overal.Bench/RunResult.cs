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
    double Max);
