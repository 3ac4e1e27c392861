using Microsoft.EntityFrameworkCore;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Hub.Dashboard.Data;

/// <summary>Channel health, sync counts, latency and the operations on them, for the Channels and Overview pages.</summary>
public sealed class ChannelData(IServiceScopeFactory scopes, ChannelRuleBook rules, ChannelHealthBoard board, PropagationLatency latency,
    SyncOptions options, Reconciler reconciler, DeadLetterReplayer replayer)
{
    public async Task<IReadOnlyList<ChannelRow>> ChannelsAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var counts = await SyncCounts.PerChannelAsync(db, cancellationToken);
        // Only each channel's latest run: the table keeps every run.
        var runs = await db.Set<ReconciliationRun>().AsNoTracking().GroupBy(r => r.ChannelId)
            .Select(g => g.OrderByDescending(r => r.StartedAt).First()).ToDictionaryAsync(r => r.ChannelId, cancellationToken);
        var health = board.Snapshots().ToDictionary(h => h.ChannelId);
        var latencies = latency.Summaries(TimeSpan.FromMinutes(options.LatencyWindowMinutes)).ToDictionary(l => l.ChannelId);
        return [.. (await rules.GetAsync(cancellationToken)).Select(rule =>
        {
            var c = counts.GetValueOrDefault(rule.ChannelId, SyncCounts.None);
            health.TryGetValue(rule.ChannelId, out var h);
            latencies.TryGetValue(rule.ChannelId, out var l);
            runs.TryGetValue(rule.ChannelId, out var run);
            return new ChannelRow(rule.ChannelId, rule.Name, rule.SyncsStock, h?.Connected ?? false, c.InSync, c.Pending, c.Failed, c.Dead, h, l, run);
        })];
    }

    public async Task<OverviewKpis> OverviewAsync(CancellationToken cancellationToken)
    {
        var channels = await ChannelsAsync(cancellationToken);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        // A stock-out: a channel that sells stock is told 0 for a SKU.
        var stockOuts = await db.SyncStates.AsNoTracking().Where(s => s.Desired == 0).Select(s => s.Sku).Distinct().CountAsync(cancellationToken);
        return new OverviewKpis(channels.Count(c => c.Connected), channels.Count(c => c.SyncsStock), channels.Sum(c => c.Pending), channels.Sum(c => c.Failed),
            channels.Sum(c => c.Dead), stockOuts, channels.Count(c => c.Health?.Circuit == CircuitState.Open), channels);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string channelId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.SyncStates.AsNoTracking().Where(s => s.Status == SyncStatus.Dead && s.ChannelId == channelId)
            .OrderBy(s => s.Sku).Take(200)
            .Select(s => new DeadLetter(s.ChannelId, s.Sku, s.Desired, s.Confirmed, s.Attempts, s.LastError)).ToListAsync(cancellationToken);
    }

    public async Task<int> ReplayAsync(DashboardScope who, string channelId, CancellationToken cancellationToken)
    {
        Require(who);
        return await replayer.ReplayAsync(channelId, cancellationToken);
    }

    public Task<ReconciliationRun> ReconcileAsync(DashboardScope who, string channelId, CancellationToken cancellationToken)
    {
        Require(who);
        return reconciler.ReconcileAsync(channelId, "dashboard", cancellationToken);
    }

    public bool CanReconcile(string channelId) => reconciler.ReconcilableChannels.Contains(channelId);

    /// <summary>False for a channel whose numbers cannot be read back: "reconcile" then means sending them again.</summary>
    public bool ReadsBack(string channelId) => reconciler.ReadsBack(channelId);

    private static void Require(DashboardScope who)
    {
        if (!who.CanOperate) throw HubException.Invalid("Only admin and operations may do this.");
    }
}
