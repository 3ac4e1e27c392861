using Microsoft.EntityFrameworkCore;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>
/// The dispatcher's statements on channel_sync_states: claim due dirty rows under a lease (PostgreSQL: FOR UPDATE
/// SKIP LOCKED, so several hub processes share a channel's work without taking the same rows), then record the
/// outcome. A confirmation stores what the channel now holds and leaves the row dirty only if the desired value
/// moved on meanwhile — latest value wins, nothing is lost.
/// </summary>
public sealed class SyncRowStore(HubDbContext db)
{
    private readonly SqlRunner _sql = new(db);
    private bool IsPostgres => db.Database.IsNpgsql();

    public async Task<List<ClaimedRow>> ClaimAsync(string channelId, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var due = "dirty AND channel_id = @channel AND (next_attempt_at IS NULL OR next_attempt_at <= @now) AND (claimed_until IS NULL OR claimed_until < @now)";
        // Oldest stock change first; values no change caused (the first listing sync, a re-send) after every real change.
        var order = "CASE WHEN origin_at = 0 THEN 1 ELSE 0 END, origin_at";
        var sql = IsPostgres
            ? $"""
              WITH due AS (SELECT sku FROM channel_sync_states WHERE {due} ORDER BY {order} LIMIT @max FOR UPDATE SKIP LOCKED)
              UPDATE channel_sync_states s SET claimed_until = @lease FROM due
              WHERE s.channel_id = @channel AND s.sku = due.sku
              RETURNING s.sku, s.desired, s.confirmed, s.origin_at, s.attempts
              """
            : $"""
              UPDATE channel_sync_states SET claimed_until = @lease
              WHERE channel_id = @channel AND sku IN (SELECT sku FROM channel_sync_states WHERE {due} ORDER BY {order} LIMIT @max)
              RETURNING sku, desired, confirmed, origin_at, attempts
              """;
        return await _sql.QueryAsync(sql,
            r => new ClaimedRow(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetInt32(4)),
            cancellationToken,
            ("@channel", channelId), ("@now", now.ToUnixTimeMilliseconds()), ("@max", max), ("@lease", (now + lease).ToUnixTimeMilliseconds()));
    }

    public async Task ConfirmAsync(string channelId, IReadOnlyList<(string Sku, int Value)> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        if (IsPostgres)
        {
            await _sql.ExecuteAsync(
                """
                UPDATE channel_sync_states s
                SET confirmed = x.v, confirmed_at = @now, claimed_until = NULL, attempts = 0, last_error = NULL, next_attempt_at = NULL,
                    dirty = (s.desired <> x.v), status = CASE WHEN s.desired <> x.v THEN 'Pending' ELSE 'InSync' END
                FROM (SELECT unnest(@skus) AS sku, unnest(@values) AS v) x
                WHERE s.channel_id = @channel AND s.sku = x.sku
                """,
                cancellationToken, ("@now", now.ToUnixTimeMilliseconds()), ("@skus", rows.Select(r => r.Sku).ToArray()),
                ("@values", rows.Select(r => r.Value).ToArray()), ("@channel", channelId));
            return;
        }
        // SQLite has no arrays: one statement per row, sent together in one command.
        await _sql.ExecuteBatchAsync([.. rows.Select(r => new SqlStatement(
            """
            UPDATE channel_sync_states
            SET confirmed = @v, confirmed_at = @now, claimed_until = NULL, attempts = 0, last_error = NULL, next_attempt_at = NULL,
                dirty = CASE WHEN desired <> @v THEN @true ELSE @false END, status = CASE WHEN desired <> @v THEN 'Pending' ELSE 'InSync' END
            WHERE channel_id = @channel AND sku = @sku
            """,
            ("@v", r.Value), ("@now", now.ToUnixTimeMilliseconds()), ("@true", true), ("@false", false), ("@channel", channelId), ("@sku", r.Sku)))],
            cancellationToken);
    }

    /// <summary>
    /// Transient failures are tried again at their RetryAt; a failure after the last attempt (Dead) is dead-lettered.
    /// One command for all of them: a failing channel can fail a whole batch (up to 25,000 rows for Amazon).
    /// </summary>
    public Task FailAsync(string channelId, IReadOnlyList<SyncFailure> failures, CancellationToken cancellationToken) =>
        _sql.ExecuteBatchAsync([.. failures.Select(f => new SqlStatement(
            """
            UPDATE channel_sync_states
            SET attempts = attempts + 1, last_error = @error, next_attempt_at = @retry, claimed_until = NULL,
                status = @status, dirty = @dirty
            WHERE channel_id = @channel AND sku = @sku
            """,
            ("@error", f.Error.Length <= 1000 ? f.Error : f.Error[..1000]), ("@retry", f.RetryAt.ToUnixTimeMilliseconds()),
            ("@status", f.Dead ? nameof(SyncStatus.Dead) : nameof(SyncStatus.Failed)), ("@dirty", !f.Dead), ("@channel", channelId), ("@sku", f.Sku)))],
            cancellationToken);

    /// <summary>Gives claimed rows back untouched (the channel is paused or its circuit opened meanwhile).</summary>
    public Task UnclaimAsync(string channelId, IEnumerable<string> skus, CancellationToken cancellationToken) =>
        _sql.ExecuteBatchAsync([.. skus.Select(sku => new SqlStatement(
            "UPDATE channel_sync_states SET claimed_until = NULL WHERE channel_id = @channel AND sku = @sku",
            ("@channel", channelId), ("@sku", sku)))], cancellationToken);

    /// <summary>Holds claimed rows whose values went out in a push job: no claim takes them until the job is settled.</summary>
    public Task HoldForJobAsync(string channelId, IEnumerable<string> skus, CancellationToken cancellationToken) =>
        _sql.ExecuteBatchAsync([.. skus.Select(sku => new SqlStatement(
            "UPDATE channel_sync_states SET claimed_until = @held WHERE channel_id = @channel AND sku = @sku",
            ("@held", ChannelSyncState.HeldByJob.ToUnixTimeMilliseconds()), ("@channel", channelId), ("@sku", sku)))], cancellationToken);

    /// <summary>Puts dead-lettered rows back in the queue; returns how many.</summary>
    public Task<int> ReplayDeadAsync(string channelId, CancellationToken cancellationToken) =>
        _sql.ExecuteAsync(
            """
            UPDATE channel_sync_states SET dirty = @true, status = 'Pending', attempts = 0, next_attempt_at = NULL, claimed_until = NULL
            WHERE channel_id = @channel AND status = 'Dead'
            """,
            cancellationToken, ("@true", true), ("@channel", channelId));

    /// <summary>Queues every confirmed, idle row of a channel for a re-push (reconciling a channel that cannot be read back).</summary>
    /// <summary>
    /// Marks up to <paramref name="max"/> in-sync rows, those confirmed longest ago first, to be sent again: the repair
    /// for a channel that cannot be read back. A re-send is not a stock change: it carries no origin (no latency sample)
    /// and goes after every real change. Rows already on their way (dirty, failing, claimed) or dead are left as they are.
    /// </summary>
    public Task<int> RequeueConfirmedAsync(string channelId, int max, CancellationToken cancellationToken) =>
        _sql.ExecuteAsync(
            """
            UPDATE channel_sync_states SET dirty = @true, status = 'Pending', attempts = 0, next_attempt_at = NULL, origin_at = 0
            WHERE channel_id = @channel AND sku IN (
                SELECT sku FROM channel_sync_states
                WHERE channel_id = @channel AND NOT dirty AND confirmed IS NOT NULL AND claimed_until IS NULL AND status <> 'Dead'
                ORDER BY confirmed_at LIMIT @max)
            """,
            cancellationToken, ("@true", true), ("@channel", channelId), ("@max", max));

    /// <summary>Reconciliation found the channel showing <paramref name="actual"/>: that is now the confirmed value, and the row is dirty if it differs from desired.</summary>
    public Task<int> RecordDriftAsync(string channelId, string sku, int actual, CancellationToken cancellationToken) =>
        _sql.ExecuteAsync(
            """
            UPDATE channel_sync_states
            SET confirmed = @actual, dirty = CASE WHEN desired <> @actual THEN @true ELSE @false END,
                status = CASE WHEN desired <> @actual THEN 'Pending' ELSE 'InSync' END, attempts = 0, next_attempt_at = NULL
            WHERE channel_id = @channel AND sku = @sku AND claimed_until IS NULL AND (confirmed IS NULL OR confirmed <> @actual)
            """,
            cancellationToken, ("@actual", actual), ("@true", true), ("@false", false), ("@channel", channelId), ("@sku", sku));
}

public sealed record ClaimedRow(string Sku, int Desired, int? Confirmed, DateTimeOffset OriginAt, int Attempts);
