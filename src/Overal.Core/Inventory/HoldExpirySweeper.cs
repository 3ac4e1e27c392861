using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>
/// Releases cart holds within seconds of their expiry (every second by default), each through the same
/// conditional transition as a release, so a hold being committed at that moment is never also expired.
/// </summary>
public sealed class HoldExpirySweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<HoldExpirySweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Expiring cart holds failed; trying again next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many holds this pass expired.</returns>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var book = scope.ServiceProvider.GetRequiredService<ReservationBook>();
        var now = time.GetUtcNow();
        var due = await db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Active && r.ExpiresAt != null && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt).Select(r => r.Id).Take(500).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var id in due)
        {
            if (await book.ExpireAsync(id, cancellationToken)) expired++;
        }
        if (expired > 0) logger.LogInformation("Expired {Count} cart hold(s)", expired);
        return expired;
    }
}
