using Microsoft.EntityFrameworkCore;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Idempotency;
using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>
/// Cart holds and order allocations. Every unit is taken by a conditional UPDATE
/// (<c>reserved = reserved + q WHERE on_hand − reserved − safety_stock ≥ q</c>), so no interleaving of requests,
/// threads or hub processes can reserve a unit twice; state changes of a reservation are conditional on its
/// current status, so a hold is committed, released or expired exactly once.
/// </summary>
public sealed class ReservationBook(
    HubDbContext db, StockTransactions transactions, ChannelRuleBook channels, StockRefusalRecorder refusals, IdempotentRequest idempotent, TimeProvider time)
{
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxHold = TimeSpan.FromDays(7);
    public const int MaxQuantity = 10_000;

    /// <summary>
    /// A stand-alone hold (checkout, B2B, API client). A shortage is a 409, and the refusal is recorded as an oversell
    /// prevented (<see cref="StockRefusal"/>) after the rollback, so that row is the only trace the request leaves.
    /// </summary>
    public async Task<Reservation> ReserveAsync(ReserveStock request, CancellationToken cancellationToken)
    {
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        Reservation reservation;
        try
        {
            reservation = await ReserveCoreAsync(uow, request, deferInserts: true, cancellationToken);
        }
        catch (HubException e) when (e.Status == 409 && e.Extensions.TryGetValue("available", out var a) && a is int available)
        {
            await uow.RollbackAsync(cancellationToken);
            await refusals.RecordAsync(uow.Sql, new StockRefusal
            {
                Id = Guid.CreateVersion7(),
                ChannelId = (string)e.Extensions["channelId"]!,
                Sku = request.Sku,
                LocationId = request.LocationId,
                Requested = request.Quantity,
                Available = available,
                At = time.GetUtcNow(),
            });
            throw;
        }
        await idempotent.RecordAsync(uow.Sql, reservation, cancellationToken);
        await uow.CommitAsync(reservation.CreatedAt, cancellationToken);
        return reservation;
    }

    /// <summary>
    /// Reserves inside a caller's unit of work (e.g. an order allocating several lines in one transaction);
    /// the caller commits. A shortage throws 409 and the caller's transaction must be rolled back.
    /// </summary>
    public Task<Reservation> ReserveAsync(StockUnitOfWork uow, ReserveStock request, CancellationToken cancellationToken) =>
        ReserveCoreAsync(uow, request, deferInserts: false, cancellationToken);

    private async Task<Reservation> ReserveCoreAsync(StockUnitOfWork uow, ReserveStock request, bool deferInserts, CancellationToken cancellationToken)
    {
        var rule = await ValidateAsync(request, cancellationToken);
        var now = time.GetUtcNow();
        await uow.LockSkuAsync(request.Sku, cancellationToken);
        await EnsureWithinChannelLimitAsync(uow.Sql, rule, request, cancellationToken);

        var candidates = request.LocationId is { } only ? [only] : rule.PoolLocationIds;
        var remaining = request.Quantity;
        var allocations = new List<ReservationAllocation>();
        var reservationId = Guid.CreateVersion7();
        foreach (var locationId in candidates)
        {
            if (remaining == 0) break;
            var taken = await TakeAsync(uow.Sql, request.Sku, locationId, remaining, now, cancellationToken);
            if (taken == 0) continue;
            allocations.Add(new ReservationAllocation { ReservationId = reservationId, LocationId = locationId, Quantity = taken });
            remaining -= taken;
        }

        if (remaining > 0)
        {
            // Roll back what was taken; report what the pool could give.
            var available = request.Quantity - remaining;
            throw HubException.Conflict(
                $"Only {available} unit(s) of '{request.Sku}' are available to reserve for channel '{rule.ChannelId}'{(request.LocationId is null ? "" : $" at '{request.LocationId}'")}; {request.Quantity} requested.",
                new Dictionary<string, object?> { ["available"] = available, ["requested"] = request.Quantity, ["channelId"] = rule.ChannelId });
        }

        var reservation = new Reservation
        {
            Id = reservationId,
            Sku = request.Sku,
            ChannelId = rule.ChannelId,
            Kind = request.Kind,
            Status = ReservationStatus.Active,
            Quantity = request.Quantity,
            Reference = request.Reference,
            CreatedAt = now,
            ExpiresAt = request.Kind == ReservationKind.Cart ? now + (request.ExpiresIn ?? DefaultHold) : null,
            Allocations = allocations,
        };
        // Plain inserts rather than an EF SaveChanges. A stand-alone hold sends them with the commit's batch (one
        // round trip fewer on the hottest path; nothing reads them back); inside a caller's unit of work they run
        // now, because the caller may refer to the reservation before it commits.
        var inserts = new List<SqlStatement>
        {
            new("""
                INSERT INTO reservations (id, sku, channel_id, kind, status, quantity, reference, created_at, expires_at, closed_at)
                VALUES (@id, @sku, @channel, @kind, @status, @quantity, @reference, @created, @expires, NULL)
                """,
                ("@id", reservation.Id), ("@sku", reservation.Sku), ("@channel", reservation.ChannelId), ("@kind", reservation.Kind.ToString()),
                ("@status", reservation.Status.ToString()), ("@quantity", reservation.Quantity), ("@reference", reservation.Reference),
                ("@created", now.ToUnixTimeMilliseconds()), ("@expires", reservation.ExpiresAt?.ToUnixTimeMilliseconds())),
        };
        inserts.AddRange(allocations.Select(a => new SqlStatement(
            "INSERT INTO reservation_allocations (reservation_id, location_id, quantity) VALUES (@id, @location, @quantity)",
            ("@id", reservationId), ("@location", a.LocationId), ("@quantity", a.Quantity))));
        // A channel with a share or a cap counts its own holds into its number (AvailabilityCalculator), and the
        // commit computes that number before it sends deferred writes: its holds are inserted now.
        if (deferInserts && rule.SharePercent is null && rule.Cap is null)
        {
            inserts.ForEach(uow.Defer);
        }
        else
        {
            await uow.Sql.ExecuteBatchAsync(inserts, cancellationToken);
        }
        return reservation;
    }

    /// <summary>Turns an active reservation into sales: on-hand and reserved drop together, one ledger row per location.</summary>
    public Task<Reservation> CommitAsync(Guid id, string? idempotencyKey, CancellationToken cancellationToken) =>
        CloseAsync(id, ReservationStatus.Committed, idempotencyKey, cancellationToken);

    public Task<Reservation> ReleaseAsync(Guid id, CancellationToken cancellationToken) =>
        CloseAsync(id, ReservationStatus.Released, null, cancellationToken);

    /// <summary>Expires one hold if it is still active and past its expiry; false when something else closed it first.</summary>
    public async Task<bool> ExpireAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await CloseAsync(id, ReservationStatus.Expired, null, cancellationToken);
            return true;
        }
        catch (HubException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<Reservation?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Reservations.AsNoTracking().Include(r => r.Allocations).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>Commits inside a caller's unit of work; the caller commits the transaction.</summary>
    public Task<Reservation> CommitAsync(StockUnitOfWork uow, Guid id, string? idempotencyKey, CancellationToken cancellationToken) =>
        CloseAsync(uow, id, ReservationStatus.Committed, idempotencyKey, cancellationToken);

    /// <summary>Releases inside a caller's unit of work; the caller commits the transaction.</summary>
    public Task<Reservation> ReleaseAsync(StockUnitOfWork uow, Guid id, CancellationToken cancellationToken) =>
        CloseAsync(uow, id, ReservationStatus.Released, null, cancellationToken);

    private async Task<Reservation> CloseAsync(Guid id, ReservationStatus to, string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        var closed = await CloseAsync(uow, id, to, idempotencyKey, cancellationToken);
        await idempotent.RecordAsync(uow.Sql, closed, cancellationToken);
        await uow.CommitAsync(closed.ClosedAt ?? time.GetUtcNow(), cancellationToken);
        return closed;
    }

    private async Task<Reservation> CloseAsync(StockUnitOfWork uow, Guid id, ReservationStatus to, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var found = await FindAsync(id, cancellationToken) ?? throw HubException.NotFound($"Reservation '{id}' does not exist.");
        var now = time.GetUtcNow();
        await uow.LockSkuAsync(found.Sku, cancellationToken);

        // The status change is the guard: only one of commit, release or expiry can win.
        var expiryCondition = to switch
        {
            ReservationStatus.Expired => " AND expires_at IS NOT NULL AND expires_at <= @now",
            ReservationStatus.Committed => " AND (expires_at IS NULL OR expires_at > @now)",
            _ => "",
        };
        var changed = await uow.Sql.ExecuteAsync(
            $"UPDATE reservations SET status = @to, closed_at = @now WHERE id = @id AND status = 'Active'{expiryCondition}",
            cancellationToken, ("@to", to.ToString()), ("@now", now.ToUnixTimeMilliseconds()), ("@id", id));
        if (changed == 0)
        {
            var current = await FindAsync(id, cancellationToken);
            var state = current!.Status == ReservationStatus.Active ? "expired (its hold time has passed)" : current.Status.ToString().ToLowerInvariant();
            throw HubException.Conflict($"Reservation '{id}' is {state} and cannot be {Verb(to)}.",
                new Dictionary<string, object?> { ["reservationStatus"] = current.Status.ToString().ToLowerInvariant() });
        }

        foreach (var allocation in found.Allocations)
        {
            if (to == ReservationStatus.Committed)
            {
                await CommitAllocationAsync(uow.Sql, found, allocation, idempotencyKey, now, cancellationToken);
            }
            else
            {
                await uow.Sql.ExecuteAsync(
                    "UPDATE stock_levels SET reserved = reserved - @q, version = version + 1, updated_at = @now WHERE sku = @sku AND location_id = @location AND reserved >= @q",
                    cancellationToken, ("@q", allocation.Quantity), ("@now", now.ToUnixTimeMilliseconds()), ("@sku", found.Sku), ("@location", allocation.LocationId));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        found.Status = to;
        found.ClosedAt = now;
        return found;
    }

    private async Task CommitAllocationAsync(SqlRunner sql, Reservation r, ReservationAllocation a, string? idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = await sql.QueryAsync(
            """
            UPDATE stock_levels SET on_hand = on_hand - @q, reserved = reserved - @q, last_delta = 0 - @q, version = version + 1, updated_at = @now
            WHERE sku = @sku AND location_id = @location AND reserved >= @q AND on_hand >= @q
            RETURNING on_hand
            """,
            rd => rd.GetInt32(0), cancellationToken,
            ("@q", a.Quantity), ("@now", now.ToUnixTimeMilliseconds()), ("@sku", r.Sku), ("@location", a.LocationId));
        if (after.Count == 0)
        {
            throw HubException.Conflict(
                $"The stock at '{a.LocationId}' no longer covers reservation '{r.Id}' ({a.Quantity} unit(s) of '{r.Sku}'): it was sold or counted away meanwhile.");
        }
        db.StockMovements.Add(new StockMovement
        {
            Id = Guid.CreateVersion7(),
            Sku = r.Sku,
            LocationId = a.LocationId,
            Type = MovementType.Sale,
            Quantity = a.Quantity,
            Delta = -a.Quantity,
            OnHandAfter = after[0],
            Source = $"channel:{r.ChannelId}",
            Reference = r.Reference ?? $"reservation:{r.Id}",
            IdempotencyKey = idempotencyKey is null ? null : $"{idempotencyKey}:{a.LocationId}",
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    /// <summary>
    /// A channel never holds more than it advertises (the explain view's number). Read under the SKU lock, so the limit
    /// is current and no racing hold of the same SKU can pass the same check before this one commits. Refused here
    /// only when the channel's rules are the reason; a plain shortage is reported by the allocation below.
    /// </summary>
    private static async Task EnsureWithinChannelLimitAsync(SqlRunner sql, ChannelRule rule, ReserveStock request, CancellationToken cancellationToken)
    {
        if (rule.Buffer == 0 && rule.Cap is null && rule.SharePercent is null) return;
        var limit = await StockQueries.ExplainAsync(sql, rule, request.Sku, cancellationToken);
        if (request.Quantity <= limit.Available) return;
        var stockCouldGive = request.LocationId is { } only ? limit.Pool.Single(t => t.LocationId == only).Atp : limit.PoolAtp;
        if (limit.Available >= stockCouldGive) return;
        throw HubException.Conflict(
            $"Only {limit.Available} unit(s) of '{request.Sku}' may be reserved for channel '{rule.ChannelId}': the channel's limit ({Describe(limit)}) "
            + $"is what it advertises, although its pool has {limit.PoolAtp} available; {request.Quantity} requested.",
            new Dictionary<string, object?>
            {
                ["available"] = limit.Available, ["requested"] = request.Quantity, ["channelId"] = rule.ChannelId, ["reason"] = "channel_limit",
            });
    }

    private static string Describe(AvailabilityExplanation e)
    {
        var terms = new List<string>();
        if (e.SharePercent is { } share) terms.Add($"share {share} %");
        if (e.Buffer > 0) terms.Add($"buffer {e.Buffer}");
        if (e.Cap is { } cap) terms.Add($"cap {cap}");
        if (e.HeldByChannel > 0) terms.Add($"{e.HeldByChannel} already held by the channel");
        return string.Join(", ", terms);
    }

    /// <summary>Takes up to <paramref name="wanted"/> units at one location by a conditional statement; returns how many it got.</summary>
    private static async Task<int> TakeAsync(SqlRunner sql, string sku, string locationId, int wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Usual case first: the whole quantity here, one conditional statement and no read.
        if (await TryTakeAsync(sql, sku, locationId, wanted, now, cancellationToken)) return wanted;

        // Otherwise take what is there. The SKU lock makes the read current; the condition on the UPDATE would still
        // refuse an over-take if it were not.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var atp = (await sql.QueryAsync(
                "SELECT on_hand - reserved - safety_stock FROM stock_levels WHERE sku = @sku AND location_id = @location",
                rd => rd.GetInt32(0), cancellationToken, ("@sku", sku), ("@location", locationId))).FirstOrDefault();
            var take = Math.Min(wanted, atp);
            if (take <= 0) return 0;
            if (await TryTakeAsync(sql, sku, locationId, take, now, cancellationToken)) return take;
        }
        return 0;
    }

    private static async Task<bool> TryTakeAsync(SqlRunner sql, string sku, string locationId, int quantity, DateTimeOffset now, CancellationToken cancellationToken) =>
        await sql.ExecuteAsync(
            """
            UPDATE stock_levels SET reserved = reserved + @q, version = version + 1, updated_at = @now
            WHERE sku = @sku AND location_id = @location AND on_hand - reserved - safety_stock >= @q
            """,
            cancellationToken, ("@q", quantity), ("@now", now.ToUnixTimeMilliseconds()), ("@sku", sku), ("@location", locationId)) == 1;

    private async Task<ChannelRule> ValidateAsync(ReserveStock r, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(r.Sku)) throw HubException.Invalid("'sku' is required.");
        if (string.IsNullOrWhiteSpace(r.ChannelId)) throw HubException.Invalid("'channelId' is required.");
        if (r.Quantity <= 0) throw HubException.Invalid("'quantity' must be positive.");
        if (r.Quantity > MaxQuantity) throw HubException.Invalid($"'quantity' {r.Quantity} is beyond the limit of {MaxQuantity} units per reservation.");
        if (!Enum.IsDefined(r.Kind)) throw HubException.Invalid("'kind' must be 'cart' or 'order'.");
        if (r.Kind == ReservationKind.Order && r.ExpiresIn is not null) throw HubException.Invalid("Order allocations do not expire: 'expiresInSeconds' is only for cart holds.");
        if (r.ExpiresIn is { } e && (e <= TimeSpan.Zero || e > MaxHold)) throw HubException.Invalid($"'expiresInSeconds' must be between 1 and {(int)MaxHold.TotalSeconds}.");
        var rule = await channels.FindAsync(r.ChannelId, cancellationToken) ?? throw HubException.NotFound($"Channel '{r.ChannelId}' does not exist.");
        if (r.LocationId is { } location && !rule.PoolLocationIds.Contains(location))
        {
            if (!await db.Locations.AnyAsync(l => l.Id == location, cancellationToken)) throw HubException.NotFound($"Location '{location}' does not exist.");
            throw HubException.Invalid($"Location '{location}' is not in channel '{r.ChannelId}''s stock pool.");
        }
        return rule;
    }

    private static string Verb(ReservationStatus to) => to switch
    {
        ReservationStatus.Committed => "committed",
        ReservationStatus.Released => "released",
        _ => "expired",
    };
}
