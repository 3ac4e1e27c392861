using Microsoft.EntityFrameworkCore;
using Overal.Core.Persistence;
using Overal.Hub.Webhooks.Lightspeed;
using Overal.Simulators.Lightspeed;

namespace Overal.Hub.Channels;

/// <summary>
/// When switched on, the Lightspeed simulator rings up store sales of items a store has in stock, at the
/// configured rate; each reaches the hub as a real signed sale.update webhook, like a cashier's scan.
/// </summary>
internal sealed class DemoTraffic(DemoTrafficSettings settings, DemoSimulators simulators, IServiceScopeFactory scopes, TimeProvider time, ILogger<DemoTraffic> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!settings.Enabled)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                continue;
            }
            try
            {
                await RingOneAsync(random, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Demo sale failed");
            }
            await Task.Delay(BetweenSales(settings.SalesPerMinute), time, stoppingToken);
        }
    }

    /// <summary>Never throws, whatever the rate: an exception here would end the service and, with it, the hub.</summary>
    internal static TimeSpan BetweenSales(double salesPerMinute) =>
        double.IsFinite(salesPerMinute) && salesPerMinute >= 1 ? TimeSpan.FromMinutes(1 / Math.Min(salesPerMinute, 6000)) : TimeSpan.FromMinutes(1);

    private async Task RingOneAsync(Random random, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var outlets = scope.ServiceProvider.GetRequiredService<LightspeedOutletMap>().All;
        var (outlet, location) = outlets.ElementAt(random.Next(outlets.Count));
        var candidates = await db.StockLevels.AsNoTracking().Where(l => l.LocationId == location && l.OnHand > 0)
            .OrderBy(l => l.Sku).Select(l => l.Sku).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return;
        var sku = candidates[random.Next(candidates.Count)];
        await simulators.Get<LightspeedSimulator>().RingUpSaleAsync(new LightspeedSimSaleRequest(outlet, [new LightspeedSimSaleLine(sku, 1)]), cancellationToken);
    }
}
