using Overal.Channels.Lightspeed;

namespace Overal.Hub.Webhooks.Lightspeed;

/// <summary>
/// Lightspeed says webhook delivery is not guaranteed, so every Channels:Lightspeed:PollSeconds (default 60) the
/// hub reads recent sales and records them; what the webhooks already brought is a no-op by idempotency key.
/// It looks back over the last poll plus a margin; after a restart, over Channels:Lightspeed:PollLookBackMinutes.
/// </summary>
internal sealed class LightspeedPollService(LightspeedSalesPoller poller, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<LightspeedPollService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(5, configuration.GetValue("Channels:Lightspeed:PollSeconds", 60.0)));
        var since = time.GetUtcNow() - TimeSpan.FromMinutes(configuration.GetValue("Channels:Lightspeed:PollLookBackMinutes", 60.0));
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var started = time.GetUtcNow();
                var result = await poller.FetchSalesSinceAsync(since, stoppingToken);
                using var scope = scopes.CreateScope();
                var feed = scope.ServiceProvider.GetRequiredService<PosFeed>();
                var recorded = 0;
                foreach (var sale in result.Sales) recorded += await feed.RecordSaleAsync(sale, stoppingToken);
                if (recorded > 0) logger.LogWarning("The Lightspeed poll found {Count} sale line(s) the webhooks had not delivered", recorded);
                // Move the window only when the whole range was read; overlap a minute for clock skew.
                if (result.Complete) since = started - TimeSpan.FromMinutes(1);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Polling Lightspeed sales failed; trying again next interval");
            }
        }
    }
}
