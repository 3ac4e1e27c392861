using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Overal.Channels.Abstractions;
using Overal.Core.Messaging;
using Overal.Core.Messaging.Events;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>
/// One channel's push loop: claim due dirty rows (up to the channel's batch size), push the latest values in one
/// adapter call, record what was confirmed and the latency from the change's origin, back off what failed.
/// Woken on commit; polls only as a fallback. A channel that keeps failing opens its circuit; a Retry-After
/// pauses it; a row that keeps failing, or that the channel rejects, goes to the dead-letter state.
/// </summary>
public sealed class ChannelDispatcher(
    IChannelAdapter adapter,
    IServiceScopeFactory scopes,
    WriteGate gate,
    SyncWakeup wakeup,
    ChannelHealth health,
    PropagationLatency latency,
    EanLookup eans,
    Outbox outbox,
    SyncOptions options,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(30);

    public string ChannelId => adapter.ChannelId;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        health.Connected = true;
        var pollFallback = TimeSpan.FromSeconds(options.PollFallbackSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                if (!health.MayPush(now))
                {
                    var until = health.BlockedUntil ?? now + pollFallback;
                    await Task.Delay(Clamp(until - now, TimeSpan.FromMilliseconds(10), pollFallback), time, stoppingToken);
                    continue;
                }
                var pushed = await PushOnceAsync(stoppingToken);
                if (pushed >= adapter.MaxBatchSize) continue;
                if (pushed == 0) await wakeup.WaitAsync(ChannelId, pollFallback, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Dispatcher for {Channel} failed a pass; continuing", ChannelId);
                await Task.Delay(pollFallback, time, stoppingToken);
            }
        }
    }

    /// <returns>How many rows were claimed and pushed.</returns>
    public async Task<int> PushOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var store = new SyncRowStore(db);
        var now = time.GetUtcNow();
        List<ClaimedRow> claimed;
        using (await gate.EnterAsync(cancellationToken))
        {
            claimed = await store.ClaimAsync(ChannelId, adapter.MaxBatchSize, now, TimeSpan.FromSeconds(options.ClaimLeaseSeconds), cancellationToken);
        }
        if (claimed.Count == 0) return 0;

        var updates = new List<StockUpdate>(claimed.Count);
        foreach (var row in claimed)
        {
            updates.Add(new StockUpdate(row.Sku, await eans.GetAsync(row.Sku, cancellationToken), row.Desired, row.Confirmed));
        }

        var result = await PushAsync(updates, cancellationToken);
        await RecordAsync(db, store, claimed, result, cancellationToken);
        return claimed.Count;
    }

    private async Task<PushResult> PushAsync(List<StockUpdate> updates, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PushTimeout);
        try
        {
            return await adapter.PushStockAsync(updates, timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = e is OperationCanceledException ? $"No answer from {ChannelId} within {PushTimeout.TotalSeconds:0} s" : $"{e.GetType().Name}: {e.Message}";
            return PushResult.AllRetry(updates.Select(u => u.Sku), error, null, 1);
        }
    }

    private async Task RecordAsync(HubDbContext db, SyncRowStore store, List<ClaimedRow> claimed, PushResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var bySku = claimed.ToDictionary(r => r.Sku);
        var confirmed = new List<(string Sku, int Value)>();
        var throttled = new List<string>();
        var failed = new List<SyncFailure>();
        double maxLatency = 0;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var item in result.Items)
            {
                if (!bySku.TryGetValue(item.Sku, out var row)) continue;
                switch (item.Outcome)
                {
                    case ItemOutcome.Confirmed:
                        confirmed.Add((item.Sku, item.ConfirmedQuantity ?? row.Desired));
                        if (row.OriginAt == ChannelSyncState.NoOrigin) break;
                        var ms = Math.Max(0, (now - row.OriginAt).TotalMilliseconds);
                        latency.Record(ChannelId, ms);
                        maxLatency = Math.Max(maxLatency, ms);
                        break;
                    case ItemOutcome.RetryLater when result.RetryAfter is not null:
                        // The channel (or the adapter's own limiter) said "not now": a rate limit, not a failure.
                        // The row goes back untouched; the whole channel pauses until the given time.
                        throttled.Add(item.Sku);
                        break;
                    case ItemOutcome.RetryLater:
                        var attempt = row.Attempts + 1;
                        var backoff = Backoff.For(attempt, TimeSpan.FromSeconds(options.InitialBackoffSeconds), TimeSpan.FromSeconds(options.MaxBackoffSeconds));
                        var retryAt = now + (result.RetryAfter is { } ra && ra > backoff ? ra : backoff);
                        failed.Add(new SyncFailure(item.Sku, item.Error ?? "Retry later", retryAt, attempt >= options.MaxAttempts));
                        break;
                    case ItemOutcome.Rejected:
                        failed.Add(new SyncFailure(item.Sku, item.Error ?? "Rejected by the channel", now, Dead: true));
                        break;
                }
            }
            // Anything throttled, or that the adapter did not answer for, goes back for another try.
            var answered = result.Items.Select(i => i.Sku).ToHashSet();
            await store.UnclaimAsync(ChannelId, claimed.Where(r => !answered.Contains(r.Sku)).Select(r => r.Sku).Concat(throttled), cancellationToken);
            await store.ConfirmAsync(ChannelId, confirmed, now, cancellationToken);
            await store.FailAsync(ChannelId, failed, cancellationToken);
            if (confirmed.Count > 0)
            {
                await outbox.AddAsync(new SqlRunner(db), new ChannelSyncConfirmed(ChannelId, [.. confirmed.Select(c => c.Sku)], maxLatency) { OccurredAt = now }, cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
        }
        outbox.Committed();

        var retried = result.Items.Count(i => i.Outcome == ItemOutcome.RetryLater) - throttled.Count;
        var rejected = result.Items.Count(i => i.Outcome == ItemOutcome.Rejected);
        latency.Calls(ChannelId, result.ChannelCalls, confirmed.Count);
        if (result.RetryAfter is { } wait) health.PauseUntil(now + wait);
        if (confirmed.Count == 0 && retried > 0)
        {
            var error = result.Items.First(i => i.Outcome == ItemOutcome.RetryLater).Error ?? "Retry later";
            if (health.Failed(now, result.ChannelCalls, error, options))
            {
                logger.LogWarning("Circuit for {Channel} opened after repeated failures: {Error}", ChannelId, error);
            }
        }
        else if (confirmed.Count > 0 || rejected > 0)
        {
            health.Succeeded(now, result.ChannelCalls, confirmed.Count, rejected + retried);
        }
        else
        {
            health.Throttled(result.ChannelCalls);
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
