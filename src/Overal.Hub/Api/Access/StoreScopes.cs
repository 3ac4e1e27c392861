using Microsoft.EntityFrameworkCore;
using Overal.Core.Inventory;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Auth;

namespace Overal.Hub.Api.Access;

/// <summary>How the API's store-bound endpoints find the store a call acts at (see <see cref="ApiAccess.AtStore"/>).</summary>
public static class StoreScopes
{
    /// <summary>The locations named in the request body: every one must be the caller's store.</summary>
    public static StoreResolver Body<TRequest>(Func<TRequest, IEnumerable<string?>> locations) =>
        context => ValueTask.FromResult(StoreTarget.All(context.Arguments.OfType<TRequest>().SelectMany(locations)));

    /// <summary>
    /// The order in route value <c>id</c>: it belongs to a store it is allocated to or collected at, the same rule as
    /// the dashboard's Orders page. An unknown order belongs to no store (store staff get 403, not a hint that it exists).
    /// </summary>
    public static readonly StoreResolver Order = async context =>
    {
        if (RouteId(context) is not { } id) return StoreTarget.Any([]);
        var db = context.HttpContext.RequestServices.GetRequiredService<HubDbContext>();
        var ct = context.HttpContext.RequestAborted;
        var store = await db.Set<Order>().AsNoTracking().Where(o => o.Id == id).Select(o => o.StoreLocationId).ToListAsync(ct);
        var allocated = await db.Set<OrderAllocation>().AsNoTracking().Where(a => a.OrderId == id).Select(a => a.LocationId).Distinct().ToListAsync(ct);
        return StoreTarget.Any([.. store, .. allocated]);
    };

    /// <summary>The reservation in route value <c>id</c>: every location it holds stock at must be the caller's store.</summary>
    public static readonly StoreResolver Reservation = async context =>
    {
        if (RouteId(context) is not { } id) return StoreTarget.All([]);
        var db = context.HttpContext.RequestServices.GetRequiredService<HubDbContext>();
        return StoreTarget.All(await db.Set<ReservationAllocation>().AsNoTracking().Where(a => a.ReservationId == id)
            .Select(a => a.LocationId).Distinct().ToListAsync(context.HttpContext.RequestAborted));
    };

    /// <summary>Where a body names a location use it; otherwise fall back to <paramref name="otherwise"/>.</summary>
    public static StoreResolver BodyOr<TRequest>(Func<TRequest, string?> location, StoreResolver otherwise) =>
        context => context.Arguments.OfType<TRequest>().Select(location).FirstOrDefault(l => l is not null) is { } at
            ? ValueTask.FromResult(StoreTarget.All([at]))
            : otherwise(context);

    private static Guid? RouteId(EndpointFilterInvocationContext context) =>
        context.HttpContext.Request.RouteValues.TryGetValue("id", out var value) && Guid.TryParse(value?.ToString(), out var id) ? id : null;
}
