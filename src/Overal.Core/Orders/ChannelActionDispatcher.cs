using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;
using Overal.Core.Messaging;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// Sends queued channel actions to the originating channel's adapter (resolved by <see cref="IChannelAdapter.ChannelId"/>).
/// Each action is claimed by a conditional UPDATE (a lease), so several hub processes never send it twice at once;
/// failures retry with exponential backoff and jitter until the last attempt, then the action is dead (visible, replayable).
/// Channels with no adapter registered keep their actions waiting; nothing is dropped.
/// </summary>
public sealed class ChannelActionDispatcher(
    IServiceScopeFactory scopes, ChannelActionWakeup wakeup, WriteGate gate, IOptions<OrdersOptions> options, OrderMetrics metrics, TimeProvider time,
    ILogger<ChannelActionDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Actions.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await wakeup.WaitAsync(options.Value.Actions.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Channel action dispatch round failed");
                try { await Task.Delay(options.Value.Actions.PollInterval, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One round over the due actions; returns how many were sent successfully.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var adapters = scope.ServiceProvider.GetServices<IChannelAdapter>().GroupBy(a => a.ChannelId).ToDictionary(g => g.Key, g => g.First());
        var sql = new SqlRunner(db);
        var settings = options.Value.Actions;
        var now = time.GetUtcNow();
        var due = await db.Set<ChannelAction>().AsNoTracking()
            .Where(a => (a.Status == ChannelActionStatus.Pending || a.Status == ChannelActionStatus.WaitingForAdapter) && a.NextAttemptAt <= now)
            .OrderBy(a => a.NextAttemptAt).Take(BatchSize).ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var action in due)
        {
            if (!adapters.TryGetValue(action.ChannelId, out var adapter))
            {
                await SetAsync(sql, action, ChannelActionStatus.WaitingForAdapter, now + settings.AdapterRecheck, $"No adapter registered for channel '{action.ChannelId}'.", false, cancellationToken);
                continue;
            }
            var needed = action.Kind switch
            {
                ChannelActionKind.ShipmentConfirmed => ChannelCapabilities.ConfirmShipment,
                ChannelActionKind.LinesCancelled => ChannelCapabilities.CancelOrder,
                _ => ChannelCapabilities.ConfirmReturn,
            };
            if (!adapter.Capabilities.HasFlag(needed))
            {
                // The channel's API has no such call (e.g. Amazon cancellations, most channels' returns): retrying cannot
                // help, so the row stays as the record of what the channel should learn, visible to staff.
                await SetAsync(sql, action, ChannelActionStatus.Unsupported, now, $"Channel '{action.ChannelId}' has no call for {action.Kind}.", false, cancellationToken);
                continue;
            }

            int claimed;
            using (await gate.EnterAsync(cancellationToken))
            {
                claimed = await sql.ExecuteAsync(
                    "UPDATE channel_actions SET attempts = attempts + 1, status = 'Pending', next_attempt_at = @lease WHERE id = @id AND status IN ('Pending', 'WaitingForAdapter') AND next_attempt_at = @seen",
                    cancellationToken, ("@lease", (now + settings.Lease).ToUnixTimeMilliseconds()), ("@id", action.Id), ("@seen", action.NextAttemptAt.ToUnixTimeMilliseconds()));
            }
            if (claimed == 0) continue;
            var attempt = action.Attempts + 1;

            ChannelActionResult result;
            try
            {
                result = action.Kind switch
                {
                    ChannelActionKind.ShipmentConfirmed => await adapter.ConfirmShipmentAsync(JsonSerializer.Deserialize<ShipmentConfirmation>(action.Payload, OrderJournal.Json)!, cancellationToken),
                    ChannelActionKind.LinesCancelled => await adapter.CancelOrderLinesAsync(JsonSerializer.Deserialize<OrderCancellation>(action.Payload, OrderJournal.Json)!, cancellationToken),
                    // The stored ReturnNotice has the same fields as the adapters' ReturnConfirmation.
                    ChannelActionKind.ReturnReceived => await adapter.ConfirmReturnAsync(JsonSerializer.Deserialize<ReturnConfirmation>(action.Payload, OrderJournal.Json)!, cancellationToken),
                    _ => new ChannelActionResult(false, false, $"Unknown action kind {action.Kind}."),
                };
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = new ChannelActionResult(false, true, e.GetType().Name + ": " + e.Message);
            }

            var after = time.GetUtcNow();
            if (result.Succeeded)
            {
                await SetAsync(sql, action, ChannelActionStatus.Done, after, null, true, cancellationToken);
                sent++;
            }
            else if (result.Retryable && result.RetryAfter is { } wait)
            {
                // Throttled: the channel said when to come back. Not a failed attempt (it says nothing about the
                // action), so a burst of shipments against a rate limit never talks an action into the dead letters.
                await SetAsync(sql, action, ChannelActionStatus.Pending, after + (wait > TimeSpan.Zero ? wait : settings.BaseDelay), result.Error, false, cancellationToken, throttled: true);
            }
            else if (!result.Retryable || attempt >= settings.MaxAttempts)
            {
                await SetAsync(sql, action, ChannelActionStatus.Dead, after, result.Error, false, cancellationToken);
                metrics.ActionsDead.Add(1, new KeyValuePair<string, object?>("channel", action.ChannelId));
                logger.LogWarning("Channel action {Id} ({Kind}) for {Channel} is dead after {Attempts} attempt(s): {Error}", action.Id, action.Kind, action.ChannelId, attempt, result.Error);
            }
            else
            {
                await SetAsync(sql, action, ChannelActionStatus.Pending, after + Backoff.For(attempt, settings.BaseDelay, settings.MaxDelay), result.Error, false, cancellationToken);
            }
        }
        return sent;
    }

    /// <param name="throttled">Gives back the attempt the claim counted.</param>
    private async Task SetAsync(SqlRunner sql, ChannelAction action, ChannelActionStatus status, DateTimeOffset next, string? error, bool completed,
        CancellationToken cancellationToken, bool throttled = false)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await sql.ExecuteAsync(
                $"UPDATE channel_actions SET {(throttled ? "attempts = attempts - 1, " : "")}status = @status, next_attempt_at = @next, last_error = @error{(completed ? ", completed_at = @next" : "")} WHERE id = @id AND status NOT IN ('Done', 'Dead')",
                cancellationToken, ("@status", status.ToString()), ("@next", next.ToUnixTimeMilliseconds()),
                ("@error", error is null ? null : OrderJournal.Truncate(error, 1000)), ("@id", action.Id));
        }
    }
}
