using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Catalog;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Hub.Api.Access;
using Overal.Hub.Api.Idempotency;
using Overal.Hub.Api.Input;
using Overal.Hub.Auth;

namespace Overal.Hub.Api.Stock;

public static class StockEndpoints
{
    public static IEndpointRouteBuilder MapStockEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/stock").WithTags("Stock");
        api.MapGet("/{sku}", GetStock).WithName("GetStock").RequireAccess(ApiAccess.Read);
        api.MapGet("/{sku}/channels/{channelId}/explain", Explain).WithName("ExplainChannelAvailability").RequireAccess(ApiAccess.Read);
        api.MapGet("/{sku}/movements", GetMovements).WithName("GetStockMovements").RequireAccess(ApiAccess.Read);
        api.MapPost("/movements", RecordMovement).WithName("RecordStockMovement")
            .RequireAccess(ApiAccess.AtStore(StoreScopes.Body<MovementRequest>(r => [r.LocationId, r.ToLocationId])));
        return routes;
    }

    private static async Task<Ok<StockResponse>> GetStock(string sku, HubDbContext db, ChannelRuleBook rules, CancellationToken cancellationToken)
    {
        var levels = await LevelsAsync(db, sku, cancellationToken);
        var held = await ChannelHolds.ActiveAsync(db, sku, cancellationToken);
        var sync = await db.SyncStates.AsNoTracking().Where(s => s.Sku == sku).ToDictionaryAsync(s => s.ChannelId, cancellationToken);
        var channels = (await rules.GetAsync(cancellationToken)).Select(rule =>
        {
            var available = AvailabilityCalculator.Available(rule, levels, held);
            sync.TryGetValue(rule.ChannelId, out var s);
            return new ChannelStockResponse(rule.ChannelId, available, s?.Confirmed,
                s is null ? (rule.SyncsStock ? SyncStatus.Pending : null) : s.Status, s?.LastError, s?.ConfirmedAt);
        }).ToArray();
        return TypedResults.Ok(new StockResponse(sku,
            [.. levels.OrderBy(l => l.LocationId).Select(l => new LocationStockResponse(l.LocationId, l.OnHand, l.Reserved, l.SafetyStock, l.Atp))],
            channels));
    }

    private static async Task<Ok<AvailabilityExplanation>> Explain(string sku, string channelId, HubDbContext db, ChannelRuleBook rules, CancellationToken cancellationToken)
    {
        var rule = await rules.FindAsync(channelId, cancellationToken) ?? throw HubException.NotFound($"Channel '{channelId}' does not exist.");
        var levels = await LevelsAsync(db, sku, cancellationToken);
        return TypedResults.Ok(AvailabilityCalculator.Explain(rule, levels, await ChannelHolds.ActiveAsync(db, sku, cancellationToken)));
    }

    private static async Task<Ok<StockMovementResponse[]>> GetMovements(string sku, HubDbContext db, int? take, CancellationToken cancellationToken)
    {
        await LevelsAsync(db, sku, cancellationToken);
        var rows = await db.StockMovements.AsNoTracking().Where(m => m.Sku == sku)
            .OrderByDescending(m => m.RecordedAt).ThenByDescending(m => m.Id).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(StockMovementResponse.From).ToArray());
    }

    private static async Task<Created<MovementResponse>> RecordMovement(
        MovementRequest request, HttpContext http, StockLedger ledger, CancellationToken cancellationToken)
    {
        var type = ParseType(request.Type);
        http.AnswerJson<MovementResult>(StatusCodes.Status201Created, ToResponse, MovementsLocation);
        var result = await ledger.RecordAsync(new RecordMovement(
            request.Sku ?? throw HubException.Invalid("'sku' is required."),
            request.LocationId ?? throw HubException.Invalid("'locationId' is required."),
            type,
            request.Quantity ?? throw HubException.Invalid("'quantity' is required."),
            request.ToLocationId, request.Reason, "api", request.Reference,
            http.Request.Headers[IdempotencyMiddleware.Header].FirstOrDefault()), cancellationToken);
        return TypedResults.Created(MovementsLocation(result), ToResponse(result));
    }

    private static string MovementsLocation(MovementResult result) => $"/api/stock/{Uri.EscapeDataString(result.Movements[0].Sku)}/movements";

    private static MovementResponse ToResponse(MovementResult result) => new(
        [.. result.Movements.Select(StockMovementResponse.From)],
        [.. result.Levels.OrderBy(l => l.LocationId).Select(l => new LocationStockResponse(l.LocationId, l.OnHand, l.Reserved, l.SafetyStock, l.Atp))]);

    private static MovementType ParseType(string? type)
    {
        if (string.IsNullOrWhiteSpace(type)) throw HubException.Invalid("'type' is required.");
        if (Enum.TryParse<MovementType>(type, ignoreCase: true, out var parsed) && !int.TryParse(type, out _)) return parsed;
        throw HubException.Invalid($"Unknown movement type '{type}'. Use one of: {string.Join(", ", Enum.GetNames<MovementType>().Select(n => n.ToLowerInvariant()))}.");
    }

    private static async Task<List<StockLevel>> LevelsAsync(HubDbContext db, string sku, CancellationToken cancellationToken)
    {
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku).ToListAsync(cancellationToken);
        if (levels.Count == 0 && !await db.Variants.AnyAsync(v => v.Sku == sku, cancellationToken))
        {
            throw HubException.NotFound($"SKU '{sku}' does not exist.");
        }
        return levels;
    }
}

/// <summary>Fields are nullable so that a missing one gets a precise 400 instead of a generic binding error.</summary>
public sealed record MovementRequest(
    [property: StoredAs(typeof(Variant), nameof(Variant.Sku))] string? Sku,
    [property: StoredAs(typeof(Location), nameof(Location.Id))] string? LocationId,
    string? Type,
    int? Quantity,
    [property: StoredAs(typeof(Location), nameof(Location.Id))] string? ToLocationId,
    [property: StoredAs(typeof(StockMovement), nameof(StockMovement.Reason))] string? Reason,
    [property: StoredAs(typeof(StockMovement), nameof(StockMovement.Reference))] string? Reference);

public sealed record MovementResponse(StockMovementResponse[] Movements, LocationStockResponse[] Levels);

public sealed record StockMovementResponse(Guid Id, string Sku, string LocationId, MovementType Type, int Quantity, int Delta, int OnHandAfter,
    string? ToLocationId, Guid? TransferId, string? Reason, string? Source, string? Reference, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt)
{
    public static StockMovementResponse From(StockMovement m) => new(m.Id, m.Sku, m.LocationId, m.Type, m.Quantity, m.Delta, m.OnHandAfter,
        m.ToLocationId, m.TransferId, m.Reason, m.Source, m.Reference, m.OccurredAt, m.RecordedAt);
}

public sealed record StockResponse(string Sku, LocationStockResponse[] Locations, ChannelStockResponse[] Channels);

public sealed record LocationStockResponse(string LocationId, int OnHand, int Reserved, int SafetyStock, int Atp);

public sealed record ChannelStockResponse(string ChannelId, int Available, int? Confirmed, SyncStatus? State, string? LastError, DateTimeOffset? ConfirmedAt);
