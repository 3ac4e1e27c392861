namespace Overal.Bench.Sync;

/// <param name="BacklogAtEnd">Pending + failed SKU rows right after the load stopped.</param>
/// <param name="DrainedAfter">From the end of the load until the backlog stayed 0; null when not within the drain timeout.</param>
public sealed record ChannelRateResult(
    string ChannelId,
    int Confirmations,
    double? P50,
    double? P95,
    double? P99,
    double? Max,
    long Calls,
    long ItemsConfirmed,
    int BacklogAtEnd,
    TimeSpan? DrainedAfter,
    int BacklogAfterDrain,
    string Health);
