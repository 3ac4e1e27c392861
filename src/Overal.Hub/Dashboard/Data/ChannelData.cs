using Microsoft.EntityFrameworkCore;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Hub.Dashboard.Data;

/// <summary>Channel health, sync counts, latency and the operations on them, for the Channels and Overview pages.</summary>
public sealed class ChannelData(IServiceScopeFactory scopes, ChannelRuleBook rules, ChannelHealthBoard board, PropagationLatency latency,
    SyncOptions options, Reconciler reconciler, WriteGate gate, SyncWakeup wakeup)
{
    public async Task<IReadOnlyList<ChannelRow>> ChannelsAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var counts = await db.SyncStates.AsNoTracking().GroupBy(s => new { s.ChannelId, s.Status })
            .Select(g => new { g.Key.ChannelId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var runs = (await db.Set<ReconciliationRun>().AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(r => r.ChannelId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.StartedAt));
        var health = board.Snapshots().ToDictionary(h => h.ChannelId);
        var latencies = latency.Summaries(TimeSpan.FromMinutes(options.LatencyWindowMinutes)).ToDictionary(l => l.ChannelId);
        return [.. (await rules.GetAsync(cancellationToken)).Select(rule =>
        {
            int Count(SyncStatus status) => counts.Where(c => c.ChannelId == rule.ChannelId && c.Status == status).Sum(c => c.Count);
            health.TryGetValue(rule.ChannelId, out var h);
            latencies.TryGetValue(rule.ChannelId, out var l);
            runs.TryGetValue(rule.ChannelId, out var run);
            return new ChannelRow(rule.ChannelId, rule.Name, rule.SyncsStock, h?.Connected ?? false,
                Count(SyncStatus.InSync), Count(SyncStatus.Pending), Count(SyncStatus.Failed), Count(SyncStatus.Dead), h, l, run);
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
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        int replayed;
        using (await gate.EnterAsync(cancellationToken))
        {
            replayed = await new SyncRowStore(db).ReplayDeadAsync(channelId, cancellationToken);
        }
        wakeup.Wake(channelId);
        return replayed;
    }

    public Task<ReconciliationRun> ReconcileAsync(DashboardScope who, string channelId, CancellationToken cancellationToken)
    {
        Require(who);
        return reconciler.ReconcileAsync(channelId, "dashboard", cancellationToken);
    }

    public bool CanReconcile(string channelId) => reconciler.ReconcilableChannels.Contains(channelId);

    private static void Require(DashboardScope who)
    {
        if (!who.CanOperate) throw HubException.Invalid("Only admin and operations may do this.");
    }
}
