using Overal.Core.Persistence;

namespace Overal.Hub.Api.Idempotency;

/// <summary>Deletes idempotency records past their retention, once an hour.</summary>
internal sealed class IdempotencyJanitor(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<IdempotencyJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = TimeSpan.FromHours(Math.Max(24, configuration.GetValue("Idempotency:RetentionHours", 48)));
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var sql = new SqlRunner(scope.ServiceProvider.GetRequiredService<HubDbContext>());
                var deleted = await sql.ExecuteAsync("DELETE FROM idempotency_records WHERE created_at < @cutoff", stoppingToken,
                    ("@cutoff", (time.GetUtcNow() - retention).ToUnixTimeMilliseconds()));
                if (deleted > 0) logger.LogInformation("Deleted {Count} expired idempotency keys", deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Cleaning idempotency keys failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
