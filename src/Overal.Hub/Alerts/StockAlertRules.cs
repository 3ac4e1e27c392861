using Microsoft.EntityFrameworkCore;
using Overal.Core.Alerts;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Hub.Alerts;

/// <summary>The stock rules: low sellable stock per channel, and SKUs selling far above their own recent rate.</summary>
internal static class StockAlertRules
{
    private const int SkusNamed = 5;

    /// <summary>One alert per channel listing the SKUs it may sell fewer of than their threshold (none left is critical).</summary>
    public static async Task<List<(string, AlertKind, AlertSeverity, string, string)>> LowStockAsync(HubDbContext db, LowStockOptions options, CancellationToken cancellationToken)
    {
        var rows = await db.SyncStates.AsNoTracking()
            .Join(db.Variants, s => s.Sku, v => v.Sku, (s, v) => new { s.ChannelId, s.Sku, s.Desired, v.ProductId })
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new { x.ChannelId, x.Sku, x.Desired, p.Category })
            .ToListAsync(cancellationToken);
        var alerts = new List<(string, AlertKind, AlertSeverity, string, string)>();
        foreach (var channel in rows.GroupBy(r => r.ChannelId).OrderBy(g => g.Key))
        {
            var low = channel.Where(r => r.Desired < Threshold(options, r.Sku, r.Category)).OrderBy(r => r.Desired).ThenBy(r => r.Sku).ToList();
            if (low.Count == 0) continue;
            var outOfStock = low.Count(r => r.Desired == 0);
            var named = string.Join(", ", low.Take(SkusNamed).Select(r => $"{r.Sku} ({r.Desired})"));
            alerts.Add(($"lowstock:{channel.Key}", AlertKind.LowStock, outOfStock > 0 ? AlertSeverity.Critical : AlertSeverity.Warning, channel.Key,
                $"{low.Count} SKU(s) below their sellable-stock threshold, {outOfStock} sold out: {named}{(low.Count > SkusNamed ? ", …" : "")}"));
        }
        return alerts;
    }

    /// <summary>One alert per SKU whose sales in the last window are at least Factor × its average per window over the baseline.</summary>
    public static async Task<List<(string, AlertKind, AlertSeverity, string, string)>> UnusualSalesAsync(HubDbContext db, UnusualSalesOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromMinutes(Math.Max(1, options.WindowMinutes));
        var windowStart = now - window;
        var baselineStart = windowStart - TimeSpan.FromDays(Math.Max(0.01, options.BaselineDays));
        var sales = await db.StockMovements.AsNoTracking()
            .Where(m => m.Type == MovementType.Sale && m.OccurredAt >= baselineStart && m.OccurredAt <= now)
            .Select(m => new { m.Sku, m.Quantity, Recent = m.OccurredAt >= windowStart })
            .ToListAsync(cancellationToken);
        var windowsInBaseline = (windowStart - baselineStart) / window;
        var alerts = new List<(string, AlertKind, AlertSeverity, string, string)>();
        foreach (var sku in sales.GroupBy(s => s.Sku).OrderBy(g => g.Key))
        {
            var recent = sku.Where(s => s.Recent).Sum(s => s.Quantity);
            if (recent < options.MinUnits) continue;
            var baselinePerWindow = sku.Where(s => !s.Recent).Sum(s => s.Quantity) / windowsInBaseline;
            if (recent < options.Factor * baselinePerWindow) continue;
            alerts.Add(($"sales:{sku.Key}", AlertKind.UnusualSales, AlertSeverity.Warning, "",
                $"{sku.Key}: {recent} sold in the last {window.TotalMinutes:0} min against {baselinePerWindow:0.##} per {window.TotalMinutes:0} min over the previous {options.BaselineDays:0.#} days"));
        }
        return alerts;
    }

    private static int Threshold(LowStockOptions options, string sku, string category) =>
        options.Skus.TryGetValue(sku, out var bySku) ? bySku
        : options.Categories.TryGetValue(category, out var byCategory) ? byCategory
        : options.DefaultThreshold;
}
