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
/// external id, so a replayed page is harmless) → persist the cursor after each page. One failing source does not
/// stop the others; an order the hub refuses (malformed…) is logged and skipped so it cannot block the cursor. An unknown
/// SKU/EAN or currency is no refusal: <see cref="OrderIntake"/> stores the order for staff (<see cref="OrderAttention"/>).
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
        var created = 0;
        foreach (var source in scope.ServiceProvider.GetServices<IOrderSource>())
        {
            try
            {
                created += await PollAsync(scope.ServiceProvider, source, cancellationToken);
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                // The channel is throttling, down or unreachable: the next round tries again, and a stack trace per
                // round would bury the log (bol allows 7 order-list calls per 3 minutes).
                logger.LogWarning("Polling orders from {Channel} failed: {Error}", source.ChannelId, e.Message);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Polling orders from {Channel} failed", source.ChannelId);
            }
        }
        return created;
    }

    private async Task<int> PollAsync(IServiceProvider services, IOrderSource source, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<HubDbContext>();
        var intake = services.GetRequiredService<OrderIntake>();
        var stored = await db.Set<OrderSourceCursor>().AsNoTracking().FirstOrDefaultAsync(c => c.ChannelId == source.ChannelId, cancellationToken);
        ChannelOrderCursor? cursor = stored is null ? null : new ChannelOrderCursor(stored.Since, stored.PageToken);
        var created = 0;
        for (var page = 0; page < options.Value.Polling.MaxPagesPerRound; page++)
        {
            var result = await source.FetchAsync(cursor, cancellationToken);
            foreach (var order in result.Orders)
            {
                try
                {
                    if ((await intake.IngestAsync(order, cancellationToken)).Created) created++;
                }
                catch (HubException e) when (e.Status is 400 or 404)
                {
                    logger.LogWarning("Order {ExternalId} from {Channel} was refused: {Detail}", order.ExternalId, source.ChannelId, e.Message);
                }
            }
            cursor = result.Next;
            await SaveCursorAsync(db, source.ChannelId, cursor, cancellationToken);
            if (!result.HasMore) break;
        }
        return created;
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
