using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Channels;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>Reads the database behind the API to check what must always hold for a SKU.</summary>
public sealed class StockAudit(HubFactory hub)
{
    /// <summary>
    /// Levels agree with the ledger (on-hand = sum of deltas) and with the reservations (reserved = sum of active
    /// allocations), nothing is negative, and every syncing channel's desired number is what
    /// <see cref="AvailabilityCalculator"/> computes from the final levels.
    /// </summary>
    public async Task AssertConsistentAsync(string sku, CancellationToken cancellationToken)
    {
        using var scope = hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku).ToListAsync(cancellationToken);
        var deltas = (await db.StockMovements.AsNoTracking().Where(m => m.Sku == sku).Select(m => new { m.LocationId, m.Delta }).ToListAsync(cancellationToken))
            .GroupBy(m => m.LocationId).ToDictionary(g => g.Key, g => g.Sum(m => m.Delta));
        var held = (await db.Reservations.AsNoTracking().Where(r => r.Sku == sku && r.Status == ReservationStatus.Active)
                .SelectMany(r => r.Allocations).ToListAsync(cancellationToken))
            .GroupBy(a => a.LocationId).ToDictionary(g => g.Key, g => g.Sum(a => a.Quantity));

        Assert.NotEmpty(levels);
        foreach (var level in levels)
        {
            var where = $"{sku} at {level.LocationId}";
            Assert.True(level.OnHand >= 0, $"{where}: on-hand {level.OnHand} is negative");
            Assert.True(level.Reserved >= 0, $"{where}: reserved {level.Reserved} is negative");
            Assert.True(level.OnHand == deltas.GetValueOrDefault(level.LocationId),
                $"{where}: on-hand {level.OnHand} but the ledger deltas sum to {deltas.GetValueOrDefault(level.LocationId)}");
            Assert.True(level.Reserved == held.GetValueOrDefault(level.LocationId),
                $"{where}: reserved {level.Reserved} but active allocations sum to {held.GetValueOrDefault(level.LocationId)}");
        }
        Assert.Empty(deltas.Keys.Except(levels.Select(l => l.LocationId)));
        Assert.Empty(held.Keys.Except(levels.Select(l => l.LocationId)));

        var desired = await db.SyncStates.AsNoTracking().Where(s => s.Sku == sku).ToDictionaryAsync(s => s.ChannelId, s => s.Desired, cancellationToken);
        var rules = await scope.ServiceProvider.GetRequiredService<ChannelRuleBook>().GetAsync(cancellationToken);
        var channelHolds = await ChannelHolds.ActiveAsync(db, sku, cancellationToken);
        foreach (var rule in rules.Where(r => r.SyncsStock))
        {
            var expected = AvailabilityCalculator.Available(rule, levels, channelHolds);
            Assert.True(desired.TryGetValue(rule.ChannelId, out var actual) && actual == expected,
                $"{sku} on {rule.ChannelId}: desired {(desired.ContainsKey(rule.ChannelId) ? actual : "missing")} but the final levels give {expected}");
        }
    }

    /// <summary>Everything a refused request must leave alone, as one comparable string.</summary>
    public async Task<string> SnapshotAsync(string sku, CancellationToken cancellationToken)
    {
        using var scope = hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku).OrderBy(l => l.LocationId).ToListAsync(cancellationToken);
        var movements = await db.StockMovements.CountAsync(cancellationToken);
        var reservations = await db.Reservations.CountAsync(cancellationToken);
        var active = await db.Reservations.CountAsync(r => r.Status == ReservationStatus.Active, cancellationToken);
        return string.Join("; ", levels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.LocationId}={l.OnHand}/{l.Reserved}")))
            + $" | movements={movements} reservations={reservations} active={active}";
    }

    public async Task<int> LedgerRowsAsync(string sku, CancellationToken cancellationToken)
    {
        using var scope = hub.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().StockMovements.CountAsync(m => m.Sku == sku, cancellationToken);
    }

    /// <summary>Runs one pass of the hold sweeper now (as its timer would).</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken) =>
        hub.Services.GetRequiredService<HoldExpirySweeper>().SweepOnceAsync(cancellationToken);
}
