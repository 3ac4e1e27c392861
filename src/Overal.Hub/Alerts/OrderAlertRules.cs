using Microsoft.EntityFrameworkCore;
using Overal.Core.Alerts;
using Overal.Core.Orders;
using Overal.Core.Persistence;

namespace Overal.Hub.Alerts;

/// <summary>
/// The order rules: one alert per order that waits for staff (unmatched lines, unexpected currency…), gone once resolved;
/// and one per channel whose orders are not coming in (<see cref="OrderIntakeFailure"/>).
/// </summary>
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

    /// <summary>
    /// A refused order at once (polling waits at it until someone acts); a failing fetch once it has failed for longer than
    /// <paramref name="alertAfter"/>, since a channel that blips for a round is no news.
    /// </summary>
    public static async Task<List<(string, AlertKind, AlertSeverity, string, string)>> IntakeFailingAsync(HubDbContext db, TimeSpan alertAfter, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var failures = await db.Set<OrderIntakeFailure>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. failures.Where(f => f.Kind == OrderIntakeFailureKinds.Refused || now - f.FailingSince >= alertAfter)
            .Select(f => ($"intake:{f.ChannelId}", AlertKind.OrderIntakeFailing, AlertSeverity.Critical, f.ChannelId,
                f.Kind == OrderIntakeFailureKinds.Refused
                    ? $"Orders from {f.ChannelId} wait: {f.Detail} Polling retries it every round and reads no further orders until it is stored."
                    : $"No orders read from {f.ChannelId} since {f.FailingSince:yyyy-MM-dd HH:mm} UTC ({f.Rounds} failed round(s)): {f.Detail}"))];
    }
}
