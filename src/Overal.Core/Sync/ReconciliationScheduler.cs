using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Overal.Core.Sync;

/// <summary>Reconciles every channel that can be read back, every Sync:ReconcileIntervalMinutes.</summary>
public sealed class ReconciliationScheduler(Reconciler reconciler, SyncOptions options, TimeProvider time, ILogger<ReconciliationScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled || options.ReconcileIntervalMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.ReconcileIntervalMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var channel in reconciler.ReconcilableChannels)
            {
                try
                {
                    await reconciler.ReconcileAsync(channel, Reconciler.ScheduleTrigger, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Scheduled reconciliation of {Channel} failed", channel);
                }
            }
        }
    }
}
