namespace Overal.Hub.Dashboard.Data;

/// <param name="Days">The UTC days of the window, oldest first; <see cref="ChannelOrderStats.PerDay"/> follows this order.</param>
public sealed record OrderFigures(DateTimeOffset At, IReadOnlyList<DateOnly> Days, IReadOnlyList<ChannelOrderStats> Channels, ClickAndCollectStats ClickAndCollect)
{
    public int OversellsOccurred => Channels.Sum(c => c.OversellsOccurred);

    public int OversellsPrevented => Channels.Sum(c => c.OversellsPrevented);
}

/// <param name="OversellsOccurred">Order lines a channel sold that the hub could not allocate, over the window.</param>
/// <param name="OversellsPrevented">Holds the hub refused with 409 because the units were not there, over the window.</param>
public sealed record ChannelOrderStats(string ChannelId, int Today, int SevenDays, IReadOnlyList<int> PerDay, int Cancelled, double CancelledPercent,
    int OversellsOccurred, int OversellsPrevented);

public sealed record ClickAndCollectStats(StorePickupStats Overall, IReadOnlyList<StorePickupStats> Stores);

/// <param name="Store">The store's location id; empty for all stores together.</param>
/// <param name="Ready">Orders made ready for pick-up in the window (what the times are over).</param>
/// <param name="Median">Placed → ready for pick-up, median (nearest rank).</param>
/// <param name="P90">Placed → ready for pick-up, 90th percentile (nearest rank).</param>
/// <param name="Waiting">Ready for pick-up now, not yet collected.</param>
/// <param name="OldestWaitingSince">When the longest-waiting of those became ready.</param>
/// <param name="Collected">Of the orders made ready in the window, those the customer has collected.</param>
/// <param name="CollectedAfter">Ready for pick-up → collected, median (nearest rank): how long customers take to come.</param>
public sealed record StorePickupStats(string Store, int Ready, TimeSpan? Median, TimeSpan? P90, int Waiting, DateTimeOffset? OldestWaitingSince, TimeSpan? OldestWaiting,
    int Collected, TimeSpan? CollectedAfter);
