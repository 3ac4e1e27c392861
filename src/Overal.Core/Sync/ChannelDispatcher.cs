using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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
/// A push the channel answers with a job (values in flight) is stored and its rows held; every pass first asks about
/// due jobs and records those that ended. Woken on commit; polls only as a fallback. A channel that keeps failing opens its circuit; a Retry-After
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
    // A push only submits: a channel that processes for minutes (an Amazon feed) answers with a job, which later
    // passes ask about, so no push is ever abandoned mid-processing and sent again.
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(30);
    private const int JobsPerPass = 20;

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

    /// <returns>How many rows were claimed and pushed, or settled from a finished push job.</returns>
    public async Task<int> PushOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var store = new SyncRowStore(db);
        // Jobs first: a job that ended releases its rows (and a newer value waiting behind it) for this pass's claim.
        var settled = await SettleJobsAsync(db, store, cancellationToken);
        var now = time.GetUtcNow();
        List<ClaimedRow> claimed;
        using (await gate.EnterAsync(cancellationToken))
        {
            claimed = await store.ClaimAsync(ChannelId, adapter.MaxBatchSize, now, TimeSpan.FromSeconds(options.ClaimLeaseSeconds), cancellationToken);
        }
        if (claimed.Count == 0) return settled;

        var updates = new List<StockUpdate>(claimed.Count);
        foreach (var row in claimed)
        {
            updates.Add(new StockUpdate(row.Sku, await eans.GetAsync(row.Sku, cancellationToken), row.Desired, row.Confirmed));
        }

        var result = await PushAsync(updates, cancellationToken);
        await RecordAsync(db, store, claimed, result, null, cancellationToken);
        return claimed.Count + settled;
    }

    /// <summary>
    /// Asks the adapter about every stored push job of this channel that is due, and records the outcome of those that
    /// ended exactly as a push's (confirm, retry, dead-letter), deleting the job in the same transaction.
    /// </summary>
    /// <returns>How many rows the ended jobs settled.</returns>
    private async Task<int> SettleJobsAsync(HubDbContext db, SyncRowStore store, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Set<ChannelPushJob>().AsNoTracking()
            .Where(j => j.ChannelId == ChannelId && j.NextCheckAt <= now)
            .OrderBy(j => j.NextCheckAt).Take(JobsPerPass).ToListAsync(cancellationToken);
        var sql = new SqlRunner(db);
        var settled = 0;
        foreach (var job in due)
        {
            // Another hub process may be asking about the same job: whoever moves next_check_at on asks.
            int mine;
            using (await gate.EnterAsync(cancellationToken))
            {
                mine = await sql.ExecuteAsync("UPDATE channel_push_jobs SET next_check_at = @lease WHERE id = @id AND next_check_at = @seen", cancellationToken,
                    ("@lease", (now + TimeSpan.FromSeconds(options.ClaimLeaseSeconds)).ToUnixTimeMilliseconds()), ("@id", job.Id), ("@seen", job.NextCheckAt.ToUnixTimeMilliseconds()));
            }
            if (mine == 0) continue;
            var rows = JsonSerializer.Deserialize<List<ClaimedRow>>(job.Rows)!;
            PushJobCheck check;
            try
            {
                check = adapter is IPushJobTracker tracker
                    ? await tracker.CheckPushJobAsync(new PushJob(job.JobId, [.. rows.Select(r => r.Sku)], TimeSpan.Zero), cancellationToken)
                    : new PushJobCheck(PushResult.AllRetry(rows.Select(r => r.Sku), $"{ChannelId} cannot report on job {job.JobId}", null, 0), TimeSpan.Zero);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Asking {Channel} about push job {Job} failed; asking again later", ChannelId, job.JobId);
                check = new PushJobCheck(null, TimeSpan.FromSeconds(options.PollFallbackSeconds));
            }
            if (check.Result is null)
            {
                var next = time.GetUtcNow() + Clamp(check.CheckAgainAfter, TimeSpan.FromSeconds(options.PollFallbackSeconds), TimeSpan.FromHours(1));
                using (await gate.EnterAsync(cancellationToken))
                {
                    await sql.ExecuteAsync("UPDATE channel_push_jobs SET next_check_at = @next WHERE id = @id", cancellationToken,
                        ("@next", next.ToUnixTimeMilliseconds()), ("@id", job.Id));
                }
                continue;
            }
            await RecordAsync(db, store, rows, check.Result, job, cancellationToken);
            settled += rows.Count;
        }
        return settled;
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

    /// <param name="settledJob">The stored job whose outcome <paramref name="result"/> is (deleted with the record), or null for a push.</param>
    private async Task RecordAsync(HubDbContext db, SyncRowStore store, List<ClaimedRow> claimed, PushResult result, ChannelPushJob? settledJob, CancellationToken cancellationToken)
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
            var answered = result.Items.Select(i => i.Sku).ToHashSet();
            if (result.Job is { } job)
            {
                // Values in flight: stored with the rows as sent, and held until the job is settled.
                var sent = claimed.Where(r => job.Skus.Contains(r.Sku)).ToDictionary(r => r.Sku);
                db.Add(new ChannelPushJob
                {
                    Id = Guid.CreateVersion7(), ChannelId = ChannelId, JobId = job.JobId, SubmittedAt = now, NextCheckAt = now + job.CheckAfter,
                    Rows = JsonSerializer.Serialize(job.Skus.Where(sent.ContainsKey).Select(s => sent[s]).ToList()),
                });
                await db.SaveChangesAsync(cancellationToken);
                await store.HoldForJobAsync(ChannelId, sent.Keys, cancellationToken);
                answered.UnionWith(sent.Keys);
            }
            if (settledJob is not null)
            {
                await new SqlRunner(db).ExecuteAsync("DELETE FROM channel_push_jobs WHERE id = @id", cancellationToken, ("@id", settledJob.Id));
            }
            // Anything throttled, or that the adapter did not answer for, goes back for another try.
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
        else if (confirmed.Count > 0 || rejected > 0 || result.Job is not null)
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
