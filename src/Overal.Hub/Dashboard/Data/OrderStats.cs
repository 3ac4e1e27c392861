using Microsoft.EntityFrameworkCore;
using Overal.Core.Orders;
using Overal.Core.Persistence;

namespace Overal.Hub.Dashboard.Data;

/// <summary>
/// The Overview's order figures per channel: orders today and over 7 days, the share of those cancelled, and the
/// oversells recorded (occurred: a channel sold what the hub could not allocate). Days are UTC days.
/// </summary>
public sealed class OrderStats(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<IReadOnlyList<ChannelOrderStats>> PerChannelAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var weekStart = today.AddDays(-6);
        var orders = await db.Set<Order>().AsNoTracking().Where(o => o.PlacedAt >= weekStart)
            .Select(o => new { o.ChannelId, o.PlacedAt, o.Status }).ToListAsync(cancellationToken);
        var oversells = await db.Set<OversellRecord>().AsNoTracking().GroupBy(o => o.ChannelId)
            .Select(g => new { ChannelId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. orders.Select(o => o.ChannelId).Concat(oversells.Select(o => o.ChannelId)).Distinct().Order()
            .Select(channel =>
            {
                var week = orders.Where(o => o.ChannelId == channel).ToList();
                var cancelled = week.Count(o => o.Status == OrderStatus.Cancelled);
                return new ChannelOrderStats(channel, week.Count(o => o.PlacedAt >= today), week.Count,
                    week.Count == 0 ? 0 : Math.Round(100.0 * cancelled / week.Count, 1),
                    oversells.FirstOrDefault(o => o.ChannelId == channel)?.Count ?? 0);
            })];
    }
}

public sealed record ChannelOrderStats(string ChannelId, int Today, int SevenDays, double CancelledPercent, int Oversells);
