using Microsoft.EntityFrameworkCore;
using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>Read side of the channels' own holds, for views that explain or list channel availability outside a stock transaction.</summary>
public static class ChannelHolds
{
    public static async Task<List<HeldUnits>> ActiveAsync(HubDbContext db, string sku, CancellationToken cancellationToken) =>
        [.. (await db.Reservations.AsNoTracking().Include(r => r.Allocations)
                .Where(r => r.Sku == sku && r.Status == ReservationStatus.Active)
                .ToListAsync(cancellationToken))
            .SelectMany(r => r.Allocations.Select(a => new HeldUnits(r.ChannelId, a.LocationId, a.Quantity)))];
}
