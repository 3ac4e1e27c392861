using Microsoft.EntityFrameworkCore;
using Overal.Core.Inventory;
using Overal.Core.Orders;
using Overal.Core.Persistence;

namespace Overal.Hub.Dashboard.Data;

/// <summary>
/// The Overview's order figures, also served at <c>GET /api/orders/stats</c> so every number on screen can be checked:
/// per channel orders today and per day over 7 days, the share cancelled, oversells occurred (a marketplace sold what
/// the hub could not allocate: <see cref="OversellRecord"/>) and oversells prevented (a hold the hub refused with 409
/// because the units were not there: <see cref="StockRefusal"/>); and click &amp; collect pick-up times. The window is
/// today plus the 6 days before it, in UTC days. Store sales (till receipts) are not orders anyone works or cancels, so they are
/// left out of every figure: orders per channel are channel orders.
/// </summary>
public sealed class OrderStats(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int Days = 7;
    private const long DayMs = 24 * 60 * 60 * 1000;

    public async Task<OrderFigures> FiguresAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var weekStart = today.AddDays(-(Days - 1));

        // Counted by the database per channel, status and day: the figures stay one small result however many orders.
        var counts = await new SqlRunner(db).QueryAsync(
            """
            SELECT channel_id, status, (placed_at - @start) / @day AS day_index, COUNT(*)
            FROM orders WHERE placed_at >= @start AND delivery_kind <> 'StoreSale'
            GROUP BY channel_id, status, (placed_at - @start) / @day
            """,
            r => (Channel: r.GetString(0), Status: r.GetString(1), Day: Convert.ToInt32(r.GetValue(2)), Count: Convert.ToInt32(r.GetValue(3))),
            cancellationToken, ("@start", weekStart.ToUnixTimeMilliseconds()), ("@day", DayMs));
        counts = [.. counts.Where(c => c.Day is >= 0 and < Days)];
        var occurred = await db.Set<OversellRecord>().AsNoTracking().Where(o => o.At >= weekStart).GroupBy(o => o.ChannelId)
            .Select(g => new { ChannelId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ChannelId, g => g.Count, cancellationToken);
        var prevented = await db.Set<StockRefusal>().AsNoTracking().Where(r => r.At >= weekStart).GroupBy(r => r.ChannelId)
            .Select(g => new { ChannelId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ChannelId, g => g.Count, cancellationToken);

        var channels = counts.Select(c => c.Channel).Concat(occurred.Keys).Concat(prevented.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(channel =>
            {
                var mine = counts.Where(c => c.Channel == channel).ToList();
                var perDay = Enumerable.Range(0, Days).Select(d => mine.Where(c => c.Day == d).Sum(c => c.Count)).ToArray();
                var week = perDay.Sum();
                var cancelled = mine.Where(c => c.Status == nameof(OrderStatus.Cancelled)).Sum(c => c.Count);
                return new ChannelOrderStats(channel, perDay[^1], week, perDay, cancelled,
                    week == 0 ? 0 : Math.Round(100.0 * cancelled / week, 1),
                    occurred.GetValueOrDefault(channel), prevented.GetValueOrDefault(channel));
            }).ToList();

        var days = Enumerable.Range(0, Days).Select(d => DateOnly.FromDateTime(weekStart.AddDays(d).UtcDateTime)).ToList();
        return new OrderFigures(now, days, channels, await ClickAndCollectAsync(db, weekStart, now, cancellationToken));
    }

    /// <summary>
    /// Click &amp; collect orders made ready for pick-up within the window: time from placed to ready (median and p90,
    /// nearest rank) and from ready to collected (median), per store and overall; and those waiting for collection now,
    /// with the oldest.
    /// </summary>
    private static async Task<ClickAndCollectStats> ClickAndCollectAsync(HubDbContext db, DateTimeOffset weekStart, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var orders = await db.Set<Order>().AsNoTracking()
            .Where(o => o.DeliveryKind == DeliveryKind.ClickAndCollect
                && ((o.ReadyForPickupAt != null && o.ReadyForPickupAt >= weekStart) || o.Status == OrderStatus.ReadyForPickup))
            .Select(o => new { Store = o.StoreLocationId ?? "?", o.PlacedAt, o.ReadyForPickupAt, o.CollectedAt, o.Status })
            .ToListAsync(cancellationToken);

        var stores = orders.GroupBy(o => o.Store).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Stats(g.Key, [.. g.Select(o => (o.PlacedAt, o.ReadyForPickupAt, o.CollectedAt, o.Status))], weekStart, now)).ToList();
        var overall = Stats("", [.. orders.Select(o => (o.PlacedAt, o.ReadyForPickupAt, o.CollectedAt, o.Status))], weekStart, now);
        return new ClickAndCollectStats(overall, stores);
    }

    private static StorePickupStats Stats(string store, List<(DateTimeOffset Placed, DateTimeOffset? Ready, DateTimeOffset? Collected, OrderStatus Status)> orders,
        DateTimeOffset weekStart, DateTimeOffset now)
    {
        var times = orders.Where(o => o.Ready is { } r && r >= weekStart).Select(o => o.Ready!.Value - o.Placed).Order().ToList();
        var collected = orders.Where(o => o.Ready is { } r && r >= weekStart && o.Collected is not null).Select(o => o.Collected!.Value - o.Ready!.Value).Order().ToList();
        var waiting = orders.Where(o => o.Status == OrderStatus.ReadyForPickup).ToList();
        var oldest = waiting.Select(o => o.Ready).Where(r => r is not null).Min();
        return new StorePickupStats(store, times.Count, Percentile(times, 50), Percentile(times, 90), waiting.Count, oldest, oldest is { } o ? now - o : null,
            collected.Count, Percentile(collected, 50));
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least p % of the values at or below it.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, int p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
