namespace Overal.Bench.Sync;

/// <summary>What one rate produced: the webhook side, and per channel what the sync engine did with the changes.</summary>
public sealed record SyncRateResult(
    int Rate,
    RunResult Webhooks,
    long Changes,
    double HubCpuMsPerChange,
    IReadOnlyList<ChannelRateResult> Channels,
    double HubPeakMiB,
    string? LoadAverage);
