using Overal.Core.Sync;

namespace Overal.Hub.Dashboard.Data;

public sealed record ChannelRow(string ChannelId, string Name, bool SyncsStock, bool Connected, int InSync, int Pending, int Failed, int Dead,
    ChannelHealthSnapshot? Health, LatencySummary? Latency, ReconciliationRun? LastReconciliation);

public sealed record DeadLetter(string ChannelId, string Sku, int Desired, int? Confirmed, int Attempts, string? LastError);

public sealed record OverviewKpis(int ChannelsConnected, int ChannelsSyncing, int Pending, int Failed, int Dead, int StockOuts, int OpenCircuits,
    IReadOnlyList<ChannelRow> Channels);
