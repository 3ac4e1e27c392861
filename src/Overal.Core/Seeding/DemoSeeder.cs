using Microsoft.EntityFrameworkCore;
using Overal.Core.Catalog;
using Overal.Core.Channels;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Core.Seeding;

/// <summary>
/// Fills an empty database with the reference customer: locations, channels and pools, the demo catalog and
/// opening stock. Opening stock goes through the ledger (one receipt per level) so ledger and levels agree
/// from the first row, and every syncing channel gets its desired number (unconfirmed: the first sync pushes it).
/// </summary>
public sealed class DemoSeeder(HubDbContext db, TimeProvider time)
{
    public async Task<bool> SeedIfEmptyAsync(int styles, CancellationToken cancellationToken)
    {
        if (await db.Locations.AnyAsync(cancellationToken)) return false;
        var now = time.GetUtcNow();
        var random = new Random(7);

        var locations = ReferenceCustomer.Locations();
        var channels = ReferenceCustomer.Channels();
        var products = DemoCatalog.Generate(styles);
        db.Locations.AddRange(locations);
        db.Channels.AddRange(channels);
        db.Products.AddRange(products);

        var rules = channels.Select(c => new ChannelRule(c.Id, c.Name, c.SyncsStock, c.Buffer, c.Cap, c.SharePercent,
            [.. c.Pool.OrderBy(p => p.Priority).Select(p => p.LocationId)])).ToList();
        foreach (var variant in products.SelectMany(p => p.Variants))
        {
            var levels = locations.Select(l => new StockLevel
            {
                Sku = variant.Sku,
                LocationId = l.Id,
                OnHand = OpeningStock(l, variant, random),
                SafetyStock = l.DefaultSafetyStock,
                UpdatedAt = now,
            }).ToList();
            db.StockLevels.AddRange(levels);
            db.StockMovements.AddRange(levels.Where(l => l.OnHand > 0).Select(l => new StockMovement
            {
                Id = Guid.CreateVersion7(),
                Sku = l.Sku,
                LocationId = l.LocationId,
                Type = MovementType.Receipt,
                Quantity = l.OnHand,
                Delta = l.OnHand,
                OnHandAfter = l.OnHand,
                Reason = "Opening stock (demo data)",
                Source = "seed",
                OccurredAt = now,
                RecordedAt = now,
            }));
            db.SyncStates.AddRange(rules.Where(r => r.SyncsStock).Select(r => new ChannelSyncState
            {
                Sku = variant.Sku,
                ChannelId = r.ChannelId,
                Desired = AvailabilityCalculator.Available(r, levels),
                Dirty = true,
                Status = SyncStatus.Pending,
                // No stock change is behind the first listing sync, so it is not a propagation to measure.
                OriginAt = ChannelSyncState.NoOrigin,
                Version = 1,
            }));
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private static int OpeningStock(Location location, Variant variant, Random random)
    {
        // A size curve: the middle sizes sell most and are stocked deepest.
        var weight = variant.Size is "M" or "L" or "38" or "40" ? 2 : variant.Size is "XS" or "44" ? 0.5 : 1;
        return location.Kind == LocationKind.Warehouse
            ? (int)(random.Next(0, 25) * weight)
            : random.NextDouble() < 0.35 ? 0 : (int)Math.Round(random.Next(1, 4) * weight);
    }
}
