using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Overal.Core.Alerts;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Hub.Alerts;

/// <summary>
/// Derives alerts from live state every few seconds: propagation latency above its objective, failing channels and
/// open circuits, dead letters, low sellable stock per channel, unusual sales and orders waiting for staff; newly raised alerts go out through
/// <see cref="AlertNotifier"/>. Alerts are deduplicated by key (one per rule and channel or SKU).
/// </summary>
public sealed class AlertEvaluator(AlertBoard board, ChannelHealthBoard health, PropagationLatency latency, SyncOptions sync,
    AlertOptions options, IOptions<OrdersOptions> orders, AlertNotifier notifier, IServiceScopeFactory scopes, TimeProvider time, ILogger<AlertEvaluator> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the hub serves its first page: the stored acknowledgements and mutes are what users see.
        await board.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.2, options.IntervalSeconds)), time);
        do
        {
            try
            {
                await EvaluateAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Alert evaluation failed; trying again next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var seen = new List<(string, AlertKind, AlertSeverity, string, string)>();
        foreach (var summary in latency.Summaries(TimeSpan.FromMinutes(sync.LatencyWindowMinutes)))
        {
            if (summary.P95 is { } p95 && p95 > options.LatencyObjectiveMs)
            {
                seen.Add(($"latency:{summary.ChannelId}", AlertKind.SyncLatency, AlertSeverity.Warning, summary.ChannelId,
                    $"Propagation p95 {p95:F0} ms is above the {options.LatencyObjectiveMs:F0} ms objective"));
            }
        }
        foreach (var channel in health.Snapshots())
        {
            if (channel.Circuit == CircuitState.Open)
            {
                seen.Add(($"circuit:{channel.ChannelId}", AlertKind.CircuitOpen, AlertSeverity.Critical, channel.ChannelId,
                    $"Circuit open: {channel.LastError ?? "repeated failures"}"));
            }
            else if (channel.ConsecutiveFailures > 0)
            {
                // Failing but still trying: a warning before the circuit opens, gone with the next success.
                seen.Add(($"errors:{channel.ChannelId}", AlertKind.ChannelErrors, AlertSeverity.Warning, channel.ChannelId,
                    $"{channel.ConsecutiveFailures} failed call(s) in a row: {channel.LastError}"));
            }
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var dead = await db.SyncStates.AsNoTracking().Where(s => s.Status == SyncStatus.Dead).GroupBy(s => s.ChannelId)
            .Select(g => new { ChannelId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var d in dead)
        {
            seen.Add(($"dead:{d.ChannelId}", AlertKind.DeadLetters, AlertSeverity.Warning, d.ChannelId, $"{d.Count} dead letter(s) waiting for replay"));
        }
        seen.AddRange(await StockAlertRules.LowStockAsync(db, options.LowStock, cancellationToken));
        seen.AddRange(await StockAlertRules.UnusualSalesAsync(db, options.UnusualSales, time.GetUtcNow(), cancellationToken));
        seen.AddRange(await OrderAlertRules.NeedsAttentionAsync(db, cancellationToken));
        seen.AddRange(await OrderAlertRules.IntakeFailingAsync(db, orders.Value.Polling.AlertAfter, time.GetUtcNow(), cancellationToken));
        var raised = await board.ObserveAsync(seen, cancellationToken);
        await notifier.NotifyAsync(raised, cancellationToken);
    }
}
