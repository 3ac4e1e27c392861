using Microsoft.EntityFrameworkCore;
using Overal.Core.Alerts;
using Overal.Core.Orders;
using Overal.Core.Persistence;

namespace Overal.Hub.Alerts;

/// <summary>The order rule: one alert per order that waits for staff (unmatched lines, unexpected currency), gone once resolved.</summary>
internal static class OrderAlertRules
{
    /// <summary>
    /// Per order, because staff resolve them one order at a time; the oldest first and at most this many, past which
    /// the order queue's needs-attention filter shows the rest.
    /// </summary>
    private const int MaxOrders = 100;

    public static async Task<List<(string, AlertKind, AlertSeverity, string, string)>> NeedsAttentionAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var orders = await db.Set<Order>().AsNoTracking().Where(o => o.Attention != OrderAttention.None)
            .OrderBy(o => o.PlacedAt).Take(MaxOrders)
            .Select(o => new { o.Id, o.ChannelId, o.ExternalId, o.AttentionDetail }).ToListAsync(cancellationToken);
        return [.. orders.Select(o => ($"attention:{o.Id}", AlertKind.OrderNeedsAttention, AlertSeverity.Warning, o.ChannelId,
            $"Order {o.ExternalId} needs attention and allocates nothing until resolved: {o.AttentionDetail}"))];
    }
}
