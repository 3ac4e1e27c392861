using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Overal.Channels.Abstractions;
using Overal.Core.Errors;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>
/// Reads a channel's own numbers back, compares them with what the hub last confirmed, and where they differ
/// takes the channel's number as the confirmed one — which makes the row dirty, so the dispatcher repairs it.
/// Rows with a push in flight are skipped (their confirmation will settle them). A channel whose API cannot be read
/// back (Zalando's has no stock read) is reconciled by sending confirmed values again — its stock calls take absolute
/// numbers, so that repairs any drift, though it cannot be counted. Those re-sends queue behind real stock changes and
/// record no propagation latency; a scheduled run re-sends only a slice (<see cref="SyncOptions.ResendPerScheduledRun"/>),
/// the oldest confirmations first, and an operator's run all of them. Each run is recorded.
/// </summary>
public sealed class Reconciler(IEnumerable<IChannelAdapter> adapters, IServiceScopeFactory scopes, WriteGate gate, SyncWakeup wakeup, SyncOptions options, TimeProvider time, ILogger<Reconciler> logger)
{
    /// <summary>The trigger of the periodic runs (others: "api", "dashboard").</summary>
    public const string ScheduleTrigger = "schedule";

    private const int ReadChunk = 250;

    public IEnumerable<string> ReconcilableChannels =>
        adapters.Where(a => a.Capabilities.HasFlag(ChannelCapabilities.ReadBackStock) || a.Capabilities.HasFlag(ChannelCapabilities.PushStock)).Select(a => a.ChannelId);

    /// <summary>Whether the channel's numbers can be read back (else reconciling it re-sends them).</summary>
    public bool ReadsBack(string channelId) =>
        adapters.Any(a => a.ChannelId == channelId && a.Capabilities.HasFlag(ChannelCapabilities.ReadBackStock));

    public async Task<ReconciliationRun> ReconcileAsync(string channelId, string trigger, CancellationToken cancellationToken)
    {
        var adapter = adapters.FirstOrDefault(a => a.ChannelId == channelId)
            ?? throw HubException.Conflict($"Channel '{channelId}' is not connected: no adapter is configured for it.");
        if (!adapter.Capabilities.HasFlag(ChannelCapabilities.ReadBackStock) && !adapter.Capabilities.HasFlag(ChannelCapabilities.PushStock))
        {
            throw HubException.Conflict($"Channel '{channelId}' neither reads back nor takes stock, so there is nothing to reconcile.");
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var store = new SyncRowStore(db);
        var run = new ReconciliationRun { Id = Guid.CreateVersion7(), ChannelId = channelId, StartedAt = time.GetUtcNow(), Trigger = trigger };
        if (!adapter.Capabilities.HasFlag(ChannelCapabilities.ReadBackStock))
        {
            run.Trigger = trigger + ":repush";
            using (await gate.EnterAsync(cancellationToken))
            {
                var max = trigger == ScheduleTrigger ? Math.Max(0, options.ResendPerScheduledRun) : int.MaxValue;
                run.Checked = await store.RequeueConfirmedAsync(channelId, max, cancellationToken);
            }
            run.FinishedAt = time.GetUtcNow();
            using (await gate.EnterAsync(cancellationToken))
            {
                db.Add(run);
                await db.SaveChangesAsync(cancellationToken);
            }
            wakeup.Wake(channelId);
            return run;
        }
        try
        {
            var confirmed = await db.SyncStates.AsNoTracking()
                .Where(s => s.ChannelId == channelId && s.Confirmed != null && s.ClaimedUntil == null)
                .Select(s => new { s.Sku, s.Confirmed }).ToListAsync(cancellationToken);
            foreach (var chunk in confirmed.Chunk(ReadChunk))
            {
                var readings = await adapter.ReadStockAsync([.. chunk.Select(c => c.Sku)], cancellationToken);
                run.Checked += readings.Count;
                var expected = chunk.ToDictionary(c => c.Sku, c => c.Confirmed!.Value);
                foreach (var reading in readings.Where(r => expected.TryGetValue(r.Sku, out var e) && e != r.Quantity))
                {
                    using (await gate.EnterAsync(cancellationToken))
                    {
                        run.Drifted += await store.RecordDriftAsync(channelId, reading.Sku, reading.Quantity, cancellationToken);
                    }
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Error = e.Message.Length <= 1000 ? e.Message : e.Message[..1000];
            logger.LogWarning(e, "Reconciling {Channel} failed", channelId);
        }
        run.FinishedAt = time.GetUtcNow();
        using (await gate.EnterAsync(cancellationToken))
        {
            db.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (run.Drifted > 0)
        {
            logger.LogWarning("Reconciliation found {Drifted} drifted SKU(s) on {Channel}; repairing", run.Drifted, channelId);
            wakeup.Wake(channelId);
        }
        return run;
    }
}
