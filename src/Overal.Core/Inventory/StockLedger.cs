using Microsoft.EntityFrameworkCore;
using Overal.Core.Errors;
using Overal.Core.Idempotency;
using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>
/// Records stock movements: an append-only ledger row and the level it changes, in one transaction, through
/// conditional statements (a sale or transfer never takes on-hand below 0). A repeated idempotency key
/// returns the first result and changes nothing.
/// </summary>
public sealed class StockLedger(HubDbContext db, StockTransactions transactions, IdempotentRequest idempotent, TimeProvider time)
{
    /// <summary>Largest quantity one movement may carry: anything above is a typo, not a delivery.</summary>
    public const int MaxQuantity = 100_000;

    public async Task<MovementResult> RecordAsync(RecordMovement request, CancellationToken cancellationToken)
    {
        Validate(request);
        if (request.IdempotencyKey is { } key && await FindReplayAsync(key, cancellationToken) is { } replay) return replay;

        var now = time.GetUtcNow();
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await uow.LockSkuAsync(request.Sku, cancellationToken);
        // Under the SKU lock a second request with the same key waits for the first and then sees it.
        if (request.IdempotencyKey is { } lockedKey && await FindReplayAsync(lockedKey, cancellationToken) is { } lockedReplay) return lockedReplay;

        var movements = request.Type == MovementType.Transfer
            ? await TransferAsync(uow.Sql, request, now, cancellationToken)
            : [await ApplyAsync(uow.Sql, request, request.LocationId, now, cancellationToken)];

        db.StockMovements.AddRange(movements);
        await db.SaveChangesAsync(cancellationToken);
        // The levels are final here (the SKU is locked): read inside the transaction, so the answer a retry replays
        // can be stored with the effect.
        var result = new MovementResult(movements, await CurrentLevelsAsync(movements, cancellationToken), false);
        await idempotent.RecordAsync(uow.Sql, result, cancellationToken);
        await uow.CommitAsync(request.OccurredAt ?? now, cancellationToken);
        return result;
    }

    /// <summary>
    /// Records inside a caller's unit of work (e.g. a POS sale or a return written with its order change); the
    /// caller commits. A repeated idempotency key changes nothing and returns the first movements. The levels are not
    /// read back: they are not final until the caller commits.
    /// </summary>
    public async Task<IReadOnlyList<StockMovement>> RecordAsync(StockUnitOfWork uow, RecordMovement request, CancellationToken cancellationToken)
    {
        Validate(request);
        await uow.LockSkuAsync(request.Sku, cancellationToken);
        if (request.IdempotencyKey is { } key && await FindReplayAsync(key, cancellationToken) is { } replay) return replay.Movements;
        var now = time.GetUtcNow();
        var movements = request.Type == MovementType.Transfer
            ? await TransferAsync(uow.Sql, request, now, cancellationToken)
            : [await ApplyAsync(uow.Sql, request, request.LocationId, now, cancellationToken)];
        db.StockMovements.AddRange(movements);
        await db.SaveChangesAsync(cancellationToken);
        return movements;
    }

    private static void Validate(RecordMovement r)
    {
        if (string.IsNullOrWhiteSpace(r.Sku)) throw HubException.Invalid("'sku' is required.");
        if (string.IsNullOrWhiteSpace(r.LocationId)) throw HubException.Invalid("'locationId' is required.");
        if (!Enum.IsDefined(r.Type)) throw HubException.Invalid($"Unknown movement type '{r.Type}'.");
        if (Math.Abs((long)r.Quantity) > MaxQuantity) throw HubException.Invalid($"'quantity' {r.Quantity} is beyond the limit of {MaxQuantity} units per movement.");
        switch (r.Type)
        {
            case MovementType.Count when r.Quantity < 0:
                throw HubException.Invalid("A count's 'quantity' is the counted on-hand and cannot be negative.");
            case MovementType.Adjustment when r.Quantity == 0:
                throw HubException.Invalid("An adjustment's 'quantity' is a signed, non-zero change.");
            case not (MovementType.Count or MovementType.Adjustment) when r.Quantity <= 0:
                throw HubException.Invalid($"'quantity' must be positive for a {r.Type.ToString().ToLowerInvariant()}.");
        }
        if (r.Type == MovementType.Transfer)
        {
            if (string.IsNullOrWhiteSpace(r.ToLocationId)) throw HubException.Invalid("A transfer needs 'toLocationId'.");
            if (r.ToLocationId == r.LocationId) throw HubException.Invalid("A transfer needs two different locations.");
        }
        else if (r.ToLocationId is not null)
        {
            throw HubException.Invalid("'toLocationId' is only for transfers.");
        }
    }

    private async Task<List<StockMovement>> TransferAsync(SqlRunner sql, RecordMovement r, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transferId = Guid.CreateVersion7();
        var outLeg = await ApplyAsync(sql, r, r.LocationId, now, cancellationToken, transferId);
        var inLeg = await ApplyAsync(sql, r with { IdempotencyKey = null }, r.ToLocationId!, now, cancellationToken, transferId, incoming: true);
        return [outLeg, inLeg];
    }

    private static async Task<StockMovement> ApplyAsync(
        SqlRunner sql, RecordMovement r, string locationId, DateTimeOffset now, CancellationToken cancellationToken,
        Guid? transferId = null, bool incoming = false)
    {
        await StockQueries.EnsureLevelAsync(sql, r.Sku, locationId, now, cancellationToken);
        var (delta, statement) = r.Type switch
        {
            MovementType.Receipt or MovementType.Return => (r.Quantity, Increase),
            MovementType.Transfer when incoming => (r.Quantity, Increase),
            // Units that are reserved for an order may not be moved away from under it.
            MovementType.Transfer => (-r.Quantity, DecreaseUnreserved),
            MovementType.Sale or MovementType.Damage => (-r.Quantity, r.ClampToOnHand ? DecreaseClamped : Decrease),
            MovementType.Adjustment => (r.Quantity, r.Quantity > 0 ? Increase : Decrease),
            MovementType.Count => (0, Count),
            _ => throw HubException.Invalid($"Unknown movement type '{r.Type}'."),
        };

        var result = await sql.QueryAsync(statement, rd => (OnHand: rd.GetInt32(0), Delta: rd.GetInt32(1)), cancellationToken,
            ("@sku", r.Sku), ("@location", locationId), ("@q", Math.Abs(delta)), ("@count", r.Quantity), ("@now", now.ToUnixTimeMilliseconds()));
        if (result.Count == 0)
        {
            // No row changed: either the units are not there, or the location is not (EnsureLevelAsync inserted nothing).
            var level = (await StockQueries.LevelsAsync(sql, r.Sku, cancellationToken)).SingleOrDefault(l => l.LocationId == locationId)
                ?? throw HubException.NotFound($"Location '{locationId}' does not exist.");
            var movable = statement == DecreaseUnreserved ? level.OnHand - level.Reserved : level.OnHand;
            throw HubException.Conflict(
                $"Only {Math.Max(0, movable)} unit(s) of '{r.Sku}' can leave '{locationId}' ({level.OnHand} on hand, {level.Reserved} reserved); {Math.Abs(delta)} requested.",
                new Dictionary<string, object?> { ["onHand"] = level.OnHand, ["reserved"] = level.Reserved, ["available"] = Math.Max(0, movable) });
        }

        return new StockMovement
        {
            Id = Guid.CreateVersion7(),
            Sku = r.Sku,
            LocationId = locationId,
            Type = r.Type,
            Quantity = r.Quantity,
            Delta = result[0].Delta,
            OnHandAfter = result[0].OnHand,
            ToLocationId = incoming ? null : r.ToLocationId,
            TransferId = transferId,
            Reason = r.Reason,
            Source = r.Source,
            Reference = r.Reference,
            IdempotencyKey = r.IdempotencyKey,
            OccurredAt = r.OccurredAt ?? now,
            RecordedAt = now,
        };
    }

    // Each statement changes the level only if its condition holds and returns (on_hand after, delta applied).
    // SET expressions see the row as it was, so last_delta holds the change computed from the old on-hand.
    private const string Increase =
        "UPDATE stock_levels SET on_hand = on_hand + @q, last_delta = @q, version = version + 1, updated_at = @now WHERE sku = @sku AND location_id = @location RETURNING on_hand, last_delta";

    private const string Decrease =
        "UPDATE stock_levels SET on_hand = on_hand - @q, last_delta = 0 - @q, version = version + 1, updated_at = @now WHERE sku = @sku AND location_id = @location AND on_hand >= @q RETURNING on_hand, last_delta";

    private const string DecreaseClamped =
        "UPDATE stock_levels SET on_hand = on_hand - CASE WHEN on_hand < @q THEN on_hand ELSE @q END, last_delta = 0 - CASE WHEN on_hand < @q THEN on_hand ELSE @q END, version = version + 1, updated_at = @now WHERE sku = @sku AND location_id = @location RETURNING on_hand, last_delta";

    private const string DecreaseUnreserved =
        "UPDATE stock_levels SET on_hand = on_hand - @q, last_delta = 0 - @q, version = version + 1, updated_at = @now WHERE sku = @sku AND location_id = @location AND on_hand - reserved >= @q RETURNING on_hand, last_delta";

    private const string Count =
        "UPDATE stock_levels SET on_hand = @count, last_delta = @count - on_hand, version = version + 1, updated_at = @now WHERE sku = @sku AND location_id = @location RETURNING on_hand, last_delta";

    private async Task<MovementResult?> FindReplayAsync(string key, CancellationToken cancellationToken)
    {
        var first = await db.StockMovements.AsNoTracking().Where(m => m.IdempotencyKey == key).FirstOrDefaultAsync(cancellationToken);
        if (first is null) return null;
        var movements = first.TransferId is { } tid
            ? await db.StockMovements.AsNoTracking().Where(m => m.TransferId == tid).OrderBy(m => m.Delta).ToListAsync(cancellationToken)
            : [first];
        return new MovementResult(movements, await CurrentLevelsAsync(movements, cancellationToken), true);
    }

    private async Task<IReadOnlyList<StockLevel>> CurrentLevelsAsync(IReadOnlyList<StockMovement> movements, CancellationToken cancellationToken)
    {
        var sku = movements[0].Sku;
        var locations = movements.Select(m => m.LocationId).ToList();
        return await db.StockLevels.AsNoTracking().Where(l => l.Sku == sku && locations.Contains(l.LocationId)).ToListAsync(cancellationToken);
    }
}
