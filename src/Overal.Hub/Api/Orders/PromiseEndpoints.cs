using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Core.Orders;
using Overal.Hub.Auth;

namespace Overal.Hub.Api.Orders;

public static class PromiseEndpoints
{
    public static IEndpointRouteBuilder MapPromiseEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/promise", Promise).WithTags("Orders").WithName("DeliveryPromise").RequireAccess(ApiAccess.Read);
        return routes;
    }

    private static async Task<Ok<PromiseResult>> Promise(string? skus, string? postcode, string? store, DeliveryPromise promise, CancellationToken cancellationToken) =>
        TypedResults.Ok(await promise.PromiseAsync(
            (skus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), postcode, store, cancellationToken));
}
