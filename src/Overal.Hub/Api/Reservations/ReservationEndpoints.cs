using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Hub.Api.Idempotency;

namespace Overal.Hub.Api.Reservations;

public static class ReservationEndpoints
{
    public static IEndpointRouteBuilder MapReservationEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/reservations").WithTags("Reservations");
        api.MapPost("/", Reserve).WithName("CreateReservation");
        api.MapGet("/{id:guid}", Get).WithName("GetReservation");
        api.MapPost("/{id:guid}/commit", Commit).WithName("CommitReservation");
        api.MapPost("/{id:guid}/release", Release).WithName("ReleaseReservation");
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

public sealed record ReservationRequest(string? Sku, int? Quantity, string? ChannelId, string? LocationId, string? Kind, int? ExpiresInSeconds, string? Reference);

public sealed record ReservationResponse(Guid Id, string Sku, string ChannelId, ReservationKind Kind, ReservationStatus Status, int Quantity,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? ClosedAt, string? Reference, AllocationResponse[] Allocations)
{
    public static ReservationResponse From(Reservation r) => new(r.Id, r.Sku, r.ChannelId, r.Kind, r.Status, r.Quantity, r.CreatedAt, r.ExpiresAt, r.ClosedAt,
        r.Reference, [.. r.Allocations.Select(a => new AllocationResponse(a.LocationId, a.Quantity))]);
}

public sealed record AllocationResponse(string LocationId, int Quantity);
