namespace Overal.Bench.Sync;

public sealed record SyncBenchResult(
    SyncBenchOptions Options,
    int Skus,
    int StoreTargets,
    int WarehouseTargets,
    string InitialSync,
    IReadOnlyList<SyncRateResult> Rates,
    double HubPeakMiB,
    IReadOnlyList<string> ConnectedChannels);
