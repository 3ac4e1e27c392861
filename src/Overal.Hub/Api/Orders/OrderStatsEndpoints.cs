using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Hub.Auth;
using Overal.Hub.Dashboard.Data;

namespace Overal.Hub.Api.Orders;

/// <summary>The Overview's order figures as data, from the same service the dashboard uses, so each number on screen can be checked.</summary>
public static class OrderStatsEndpoints
{
    public static IEndpointRouteBuilder MapOrderStatsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/orders").WithTags("Orders").MapGet("/stats", Get).WithName("GetOrderStats").RequireAccess(ApiAccess.Read);
        return routes;
    }

    private static async Task<Ok<OrderStatsResponse>> Get(OrderStats stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrderStatsResponse.From(await stats.FiguresAsync(cancellationToken)));
}

/// <param name="Days">UTC days of the window, oldest first; each channel's <c>perDay</c> follows this order.</param>
/// <param name="OversellsPrevented">Holds refused with 409 because the units were not there (stock_refusals), over the window.</param>
/// <param name="OversellsOccurred">Order lines a channel sold that the hub could not allocate (order_oversells), over the window.</param>
public sealed record OrderStatsResponse(DateTimeOffset At, IReadOnlyList<DateOnly> Days, int OversellsPrevented, int OversellsOccurred,
    IReadOnlyList<ChannelOrderStats> Channels, PickupStatsResponse ClickAndCollect, IReadOnlyList<PickupStatsResponse> ClickAndCollectStores)
{
    public static OrderStatsResponse From(OrderFigures f) => new(f.At, f.Days, f.OversellsPrevented, f.OversellsOccurred, f.Channels,
        PickupStatsResponse.From(f.ClickAndCollect.Overall), [.. f.ClickAndCollect.Stores.Select(PickupStatsResponse.From)]);
}

/// <param name="Store">The store's location id; null for all stores together.</param>
/// <param name="Ready">Click &amp; collect orders made ready for pick-up in the window.</param>
/// <param name="MedianSeconds">Placed → ready for pick-up, median (nearest rank), seconds.</param>
/// <param name="P90Seconds">Placed → ready for pick-up, 90th percentile (nearest rank), seconds.</param>
/// <param name="Waiting">Ready for pick-up now, not yet collected.</param>
/// <param name="Collected">Of the orders made ready in the window, those collected.</param>
/// <param name="CollectedAfterMedianSeconds">Ready for pick-up → collected, median (nearest rank), seconds.</param>
public sealed record PickupStatsResponse(string? Store, int Ready, double? MedianSeconds, double? P90Seconds, int Waiting,
    DateTimeOffset? OldestWaitingSince, double? OldestWaitingSeconds, int Collected, double? CollectedAfterMedianSeconds)
{
    public static PickupStatsResponse From(StorePickupStats s) => new(s.Store == "" ? null : s.Store, s.Ready, s.Median?.TotalSeconds, s.P90?.TotalSeconds,
        s.Waiting, s.OldestWaitingSince, s.OldestWaiting?.TotalSeconds, s.Collected, s.CollectedAfter?.TotalSeconds);
}
