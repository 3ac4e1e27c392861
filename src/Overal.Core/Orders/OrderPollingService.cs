using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;
using Overal.Core.Errors;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// Runs every registered <see cref="IOrderSource"/> on an interval: fetch → ingest (idempotent per channel and
/// external id, so a replayed page is harmless) → tell the source each order is stored → persist the cursor after each
/// page. The cursor moves past an order only once it is stored: a fetch that fails (the channel is down, an item call
/// errs) or an order the hub refuses stops that source's round before its cursor is saved, is recorded as an
/// <see cref="OrderIntakeFailure"/> (which the alerts read) and is tried again next round. One failing source does not
/// stop the others. An unknown SKU/EAN, store or currency is no refusal: <see cref="OrderIntake"/> stores the order for
/// staff (<see cref="OrderAttention"/>).
/// </summary>
public sealed class OrderPollingService(IServiceScopeFactory scopes, WriteGate gate, IOptions<OrdersOptions> options, TimeProvider time, ILogger<OrderPollingService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Polling.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                await Task.Delay(options.Value.Polling.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Order polling round failed");
            }
        }
    }

    /// <summary>Polls every source once; returns how many new orders were created.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var created = new StrongBox<int>();
        foreach (var source in scope.ServiceProvider.GetServices<IOrderSource>())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            try
            {
                await PollAsync(scope.ServiceProvider, source, created, cancellationToken);
                await ClearFailureAsync(db, source.ChannelId, cancellationToken);
            }
            catch (OrderRefusedException e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError("Order {ExternalId} from {Channel} was refused; polling waits at it: {Detail}", e.ExternalId, source.ChannelId, e.Message);
                await RecordFailureAsync(db, source.ChannelId, OrderIntakeFailureKinds.Refused, $"Order {e.ExternalId} was refused: {e.Message}", cancellationToken);
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                // The channel is throttling, down or unreachable: the next round tries again, and a stack trace per
                // round would bury the log (bol allows 7 order-list calls per 3 minutes).
                logger.LogWarning("Polling orders from {Channel} failed: {Error}", source.ChannelId, e.Message);
                await RecordFailureAsync(db, source.ChannelId, OrderIntakeFailureKinds.Fetch, e.Message, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Polling orders from {Channel} failed", source.ChannelId);
                await RecordFailureAsync(db, source.ChannelId, OrderIntakeFailureKinds.Fetch, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            }
        }
        return created.Value;
    }

    /// <param name="created">Counts the orders created, also those stored before a refusal ends the round.</param>
    private async Task PollAsync(IServiceProvider services, IOrderSource source, StrongBox<int> created, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<HubDbContext>();
        var intake = services.GetRequiredService<OrderIntake>();
        var stored = await db.Set<OrderSourceCursor>().AsNoTracking().FirstOrDefaultAsync(c => c.ChannelId == source.ChannelId, cancellationToken);
        ChannelOrderCursor? cursor = stored is null ? null : new ChannelOrderCursor(stored.Since, stored.PageToken);
        for (var page = 0; page < options.Value.Polling.MaxPagesPerRound; page++)
        {
            var result = await source.FetchAsync(cursor, cancellationToken);
            foreach (var order in result.Orders)
            {
                IngestResult ingested;
                try
                {
                    ingested = await intake.IngestAsync(order, cancellationToken);
                }
                catch (HubException e) when (e.Status is 400 or 404)
                {
                    // Skipping it would lose it for good once the cursor moved on: wait here, alerted, until it is fixed.
                    throw new OrderRefusedException(order.ExternalId, e.Message);
                }
                if (ingested.Created) created.Value++;
                try
                {
                    await source.OrderStoredAsync(order, ingested.OrderId, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The order is safe; the channel hears of it on a later round (it still lists the order as new).
                    logger.LogWarning("Telling {Channel} that order {ExternalId} is stored failed: {Error}", source.ChannelId, order.ExternalId, e.Message);
                }
            }
            cursor = result.Next;
            await SaveCursorAsync(db, source.ChannelId, cursor, cancellationToken);
            if (!result.HasMore) break;
        }
    }

    private async Task RecordFailureAsync(HubDbContext db, string channelId, string kind, string detail, CancellationToken cancellationToken)
    {
        try
        {
            using (await gate.EnterAsync(cancellationToken))
            {
                await new SqlRunner(db).ExecuteAsync(
                    """
                    INSERT INTO order_intake_failures (channel_id, kind, detail, failing_since, last_failed_at, rounds) VALUES (@channel, @kind, @detail, @now, @now, 1)
                    ON CONFLICT (channel_id) DO UPDATE SET kind = excluded.kind, detail = excluded.detail, last_failed_at = excluded.last_failed_at,
                        rounds = order_intake_failures.rounds + 1
                    """,
                    cancellationToken, ("@channel", channelId), ("@kind", kind), ("@detail", OrderJournal.Truncate(detail, 1000)),
                    ("@now", time.GetUtcNow().ToUnixTimeMilliseconds()));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Recording the order intake failure of {Channel} failed", channelId);
        }
    }

    private async Task ClearFailureAsync(HubDbContext db, string channelId, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await new SqlRunner(db).ExecuteAsync("DELETE FROM order_intake_failures WHERE channel_id = @channel", cancellationToken, ("@channel", channelId));
        }
    }

    private sealed class OrderRefusedException(string externalId, string message) : Exception(message)
    {
        public string ExternalId { get; } = externalId;
    }

    /// <summary>
    /// One upsert: two pollers (hub processes on PostgreSQL) cannot both insert, and a slower one never moves the cursor
    /// back to an older point.
    /// </summary>
    private async Task SaveCursorAsync(HubDbContext db, string channelId, ChannelOrderCursor cursor, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await new SqlRunner(db).ExecuteAsync(
                """
                INSERT INTO order_source_cursors (channel_id, since, page_token, updated_at) VALUES (@channel, @since, @token, @now)
                ON CONFLICT (channel_id) DO UPDATE SET since = excluded.since, page_token = excluded.page_token, updated_at = excluded.updated_at
                WHERE order_source_cursors.since <= excluded.since
                """,
                cancellationToken, ("@channel", channelId), ("@since", cursor.Since.ToUnixTimeMilliseconds()), ("@token", cursor.PageToken),
                ("@now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }
}
