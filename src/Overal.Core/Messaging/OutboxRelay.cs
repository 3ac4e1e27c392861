using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Overal.Core.Persistence;

namespace Overal.Core.Messaging;

/// <summary>
/// Publishes outbox rows in order and marks them published only after the transport accepted them; a failure
/// leaves the row for a retry with exponential backoff, so an event is published at least once. On PostgreSQL
/// several hub processes share the work (FOR UPDATE SKIP LOCKED). Published rows are deleted after a day.
/// </summary>
public sealed class OutboxRelay(IServiceScopeFactory scopes, IEventBus bus, OutboxSignal signal, WriteGate gate, TimeProvider time, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollFallback = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCleanup = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await RelayOnceAsync(stoppingToken);
                if (time.GetUtcNow() - lastCleanup > TimeSpan.FromHours(1))
                {
                    await CleanupAsync(stoppingToken);
                    lastCleanup = time.GetUtcNow();
                }
                if (published == BatchSize) continue;
                await signal.WaitAsync(PollFallback, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Outbox relay pass failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <returns>How many rows were published in this pass.</returns>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var sql = new SqlRunner(db);
        var now = time.GetUtcNow();
        using var entered = await gate.EnterAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var lockClause = db.Database.IsNpgsql() ? " FOR UPDATE SKIP LOCKED" : "";
        var rows = await sql.QueryAsync(
            $"""
            SELECT id, event_name, payload, attempts FROM outbox_messages
            WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
            ORDER BY occurred_at, id LIMIT {BatchSize}{lockClause}
            """,
            r => (Id: r.GetGuid(0), Name: r.GetString(1), Payload: r.GetString(2), Attempts: r.GetInt32(3)),
            cancellationToken, ("@now", now.ToUnixTimeMilliseconds()));

        var published = new List<Guid>();
        foreach (var row in rows)
        {
            try
            {
                await bus.PublishAsync(EventTypes.Deserialize(row.Name, row.Payload), cancellationToken);
                published.Add(row.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var delay = Backoff.For(row.Attempts + 1, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
                await sql.ExecuteAsync(
                    "UPDATE outbox_messages SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error WHERE id = @id",
                    cancellationToken, ("@next", (now + delay).ToUnixTimeMilliseconds()), ("@error", Truncate(e.Message)), ("@id", row.Id));
                logger.LogWarning(e, "Publishing {Event} {Id} failed (attempt {Attempt}); next try in {Delay}", row.Name, row.Id, row.Attempts + 1, delay);
            }
        }
        if (published.Count > 0)
        {
            // One statement for the pass, not one per row: the relay holds SQLite's write gate meanwhile.
            var names = published.Select((_, i) => $"@p{i}").ToList();
            await sql.ExecuteAsync($"UPDATE outbox_messages SET published_at = @now, last_error = NULL WHERE id IN ({string.Join(", ", names)})",
                cancellationToken, [("@now", now.ToUnixTimeMilliseconds()), .. published.Select((id, i) => (names[i], (object?)id))]);
        }
        await tx.CommitAsync(cancellationToken);
        return published.Count;
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var sql = new SqlRunner(scope.ServiceProvider.GetRequiredService<HubDbContext>());
        using var entered = await gate.EnterAsync(cancellationToken);
        await sql.ExecuteAsync("DELETE FROM outbox_messages WHERE published_at IS NOT NULL AND published_at < @cutoff",
            cancellationToken, ("@cutoff", (time.GetUtcNow() - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds()));
    }

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];
}
