using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Core.Catalog;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Hub.Api.Access;
using Overal.Hub.Api.Idempotency;
using Overal.Hub.Api.Input;
using Overal.Hub.Auth;

namespace Overal.Hub.Api.Reservations;

public static class ReservationEndpoints
{
    public static IEndpointRouteBuilder MapReservationEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/reservations").WithTags("Reservations");
        // Store staff hold stock only at their own store, so they must name it: without a location the hold could come from any store in the pool.
        api.MapPost("/", Reserve).WithName("CreateReservation").RequireAccess(ApiAccess.AtStore(StoreScopes.Body<ReservationRequest>(r => [r.LocationId])));
        api.MapGet("/{id:guid}", Get).WithName("GetReservation").RequireAccess(ApiAccess.Read);
        api.MapPost("/{id:guid}/commit", Commit).WithName("CommitReservation").RequireAccess(ApiAccess.AtStore(StoreScopes.Reservation));
        api.MapPost("/{id:guid}/release", Release).WithName("ReleaseReservation").RequireAccess(ApiAccess.AtStore(StoreScopes.Reservation));
        return routes;
    }

    private static async Task<Created<ReservationResponse>> Reserve(ReservationRequest request, HttpContext http, ReservationBook book, CancellationToken cancellationToken)
    {
        http.AnswerJson<Reservation>(StatusCodes.Status201Created, ReservationResponse.From, Location);
        var kind = request.Kind?.ToLowerInvariant() switch
        {
            "cart" => ReservationKind.Cart,
            "order" => ReservationKind.Order,
            null => throw HubException.Invalid("'kind' is required: 'cart' or 'order'."),
            _ => throw HubException.Invalid($"Unknown reservation kind '{request.Kind}': use 'cart' or 'order'."),
        };
        var reservation = await book.ReserveAsync(new ReserveStock(
            request.Sku ?? throw HubException.Invalid("'sku' is required."),
            request.Quantity ?? throw HubException.Invalid("'quantity' is required."),
            request.ChannelId ?? throw HubException.Invalid("'channelId' is required."),
            kind,
            request.LocationId,
            request.ExpiresInSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            request.Reference), cancellationToken);
        return TypedResults.Created(Location(reservation), ReservationResponse.From(reservation));
    }

    private static string Location(Reservation r) => $"/api/reservations/{r.Id}";

    private static async Task<Ok<ReservationResponse>> Get(Guid id, ReservationBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReservationResponse.From(await book.FindAsync(id, cancellationToken)
            ?? throw HubException.NotFound($"Reservation '{id}' does not exist.")));

    private static async Task<Ok<ReservationResponse>> Commit(Guid id, HttpContext http, ReservationBook book, CancellationToken cancellationToken)
    {
        http.AnswerJson<Reservation>(StatusCodes.Status200OK, ReservationResponse.From);
        return TypedResults.Ok(ReservationResponse.From(await book.CommitAsync(id, http.Request.Headers[IdempotencyMiddleware.Header].FirstOrDefault(), cancellationToken)));
    }

    private static async Task<Ok<ReservationResponse>> Release(Guid id, HttpContext http, ReservationBook book, CancellationToken cancellationToken)
    {
        http.AnswerJson<Reservation>(StatusCodes.Status200OK, ReservationResponse.From);
        return TypedResults.Ok(ReservationResponse.From(await book.ReleaseAsync(id, cancellationToken)));
    }
}

public sealed record ReservationRequest(
    [property: StoredAs(typeof(Variant), nameof(Variant.Sku))] string? Sku,
    int? Quantity,
    [property: StoredAs(typeof(Channel), nameof(Channel.Id))] string? ChannelId,
    [property: StoredAs(typeof(Location), nameof(Location.Id))] string? LocationId,
    string? Kind,
    int? ExpiresInSeconds,
    [property: StoredAs(typeof(Reservation), nameof(Reservation.Reference))] string? Reference);

public sealed record ReservationResponse(Guid Id, string Sku, string ChannelId, ReservationKind Kind, ReservationStatus Status, int Quantity,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? ClosedAt, string? Reference, AllocationResponse[] Allocations)
{
    public static ReservationResponse From(Reservation r) => new(r.Id, r.Sku, r.ChannelId, r.Kind, r.Status, r.Quantity, r.CreatedAt, r.ExpiresAt, r.ClosedAt,
        r.Reference, [.. r.Allocations.Select(a => new AllocationResponse(a.LocationId, a.Quantity))]);
}

public sealed record AllocationResponse(string LocationId, int Quantity);
