using Microsoft.EntityFrameworkCore;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Hub.Dashboard.Data;

/// <summary>
/// The dashboard's reads and actions. A fresh DI scope (and so DbContext) per call: a Blazor circuit lives for
/// minutes and receives events concurrently, which one long-lived DbContext cannot take.
/// </summary>
public sealed class DashboardData(IServiceScopeFactory scopes, ChannelRuleBook rules)
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string term, CancellationToken cancellationToken)
    {
        var name = term.Trim().ToLowerInvariant();
        term = term.Trim().ToUpperInvariant();
        if (term.Length == 0) return [];
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Variants.AsNoTracking().Join(db.Products, v => v.ProductId, p => p.Id, (v, p) => new { v, p })
            // Names in either language, any part, any case (ToLower: PostgreSQL's LIKE is case-sensitive); a few thousand rows at most.
            .Where(x => x.v.Ean == term || x.v.Sku.StartsWith(term) || x.p.StyleCode.StartsWith(term)
                || x.p.NameNl.ToLower().Contains(name) || x.p.NameFr.ToLower().Contains(name))
            .OrderBy(x => x.v.Sku).Take(50)
            .Select(x => new SearchHit(x.p.StyleCode, x.p.NameNl, x.v.Sku, x.v.Ean, x.v.Colour, x.v.Size))
            .ToListAsync(cancellationToken);
    }

    public async Task<StyleMatrix?> StyleAsync(string styleCode, DashboardScope who, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var product = await db.Products.AsNoTracking().Include(p => p.Variants).FirstOrDefaultAsync(p => p.StyleCode == styleCode, cancellationToken);
        if (product is null) return null;
        var variants = product.Variants.OrderBy(v => v.Colour).ThenBy(v => SizeOrder(v.Size)).ToList();
        var skus = variants.Select(v => v.Sku).ToList();
        var locations = (await db.Locations.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(l => l.Kind).ThenBy(l => l.Id, StringComparer.Ordinal).Where(l => who.MaySee(l.Id)).Select(l => new LocationColumn(l.Id, l.Name)).ToList();
        var visible = locations.Select(l => l.Id).ToHashSet();
        var levels = (await db.StockLevels.AsNoTracking().Where(l => skus.Contains(l.Sku)).ToListAsync(cancellationToken))
            .Where(l => visible.Contains(l.LocationId)).ToDictionary(l => (l.Sku, l.LocationId));
        return new StyleMatrix(product.StyleCode, product.NameNl, skus, [.. variants.Select(v => v.Colour + " " + v.Size)], locations, levels);
    }

    public async Task<SkuDetail?> SkuAsync(string sku, DashboardScope who, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var variant = await db.Variants.AsNoTracking().FirstOrDefaultAsync(v => v.Sku == sku, cancellationToken);
        if (variant is null) return null;
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku).ToListAsync(cancellationToken);
        var held = await ChannelHolds.ActiveAsync(db, sku, cancellationToken);
        var sync = await db.SyncStates.AsNoTracking().Where(s => s.Sku == sku).ToDictionaryAsync(s => s.ChannelId, cancellationToken);
        var channels = (await rules.GetAsync(cancellationToken)).Select(rule =>
        {
            sync.TryGetValue(rule.ChannelId, out var s);
            return new ChannelSellable(rule.ChannelId, rule.Name, rule.SyncsStock, AvailabilityCalculator.Available(rule, levels, held), s?.Confirmed,
                s?.Status ?? (rule.SyncsStock ? SyncStatus.Pending : null), s?.LastError, s?.ConfirmedAt);
        }).ToList();
        var movements = db.StockMovements.AsNoTracking().Where(m => m.Sku == sku);
        if (who.Store is { } store) movements = movements.Where(m => m.LocationId == store || m.ToLocationId == store);
        var history = await movements.OrderByDescending(m => m.RecordedAt).ThenByDescending(m => m.Id).Take(50).ToListAsync(cancellationToken);
        return new SkuDetail(sku, variant.Ean, channels, history);
    }

    public async Task<AvailabilityExplanation> ExplainAsync(string sku, string channelId, CancellationToken cancellationToken)
    {
        var rule = await rules.FindAsync(channelId, cancellationToken) ?? throw HubException.NotFound($"Channel '{channelId}' does not exist.");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku).ToListAsync(cancellationToken);
        return AvailabilityCalculator.Explain(rule, levels, await ChannelHolds.ActiveAsync(db, sku, cancellationToken));
    }

    /// <summary>Records a signed adjustment with a reason; store staff only at their own store (checked here, not just hidden in the UI).</summary>
    public async Task AdjustAsync(DashboardScope who, string sku, string locationId, int delta, string reason, CancellationToken cancellationToken)
    {
        if (!who.CanAdjust || !who.MaySee(locationId)) throw HubException.Invalid($"You may not adjust stock at '{locationId}'.");
        if (string.IsNullOrWhiteSpace(reason)) throw HubException.Invalid("A reason is required.");
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<StockLedger>().RecordAsync(
            new RecordMovement(sku, locationId, MovementType.Adjustment, delta, Reason: reason.Trim(), Source: "dashboard:" + who.User), cancellationToken);
    }

    private static int SizeOrder(string size) => Array.IndexOf(["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL"], size) is var i and >= 0 ? i : 100 + (int.TryParse(size, out var n) ? n : 0);
}
