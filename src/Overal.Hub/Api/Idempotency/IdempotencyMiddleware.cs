using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Idempotency;
using Overal.Core.Persistence;

namespace Overal.Hub.Api.Idempotency;

/// <summary>
/// Idempotency-Key on any POST under /api, with the semantics integrators know from Stripe: the first successful
/// result is stored and replayed (header Idempotent-Replayed: true); the same key with a different request is
/// refused with 422; a key whose first request is still running gets 409. Failed requests changed nothing, so
/// their key stays free and a retry runs again. The endpoints that change stock have their service write the answer
/// in the effect's own transaction (<see cref="IdempotentRequest"/>): an effect never commits without its answer.
/// Keys are kept for Idempotency:RetentionHours (default 48).
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider time)
{
    public const string Header = "Idempotency-Key";

    /// <summary>A record still "running" after this long belongs to a request that died; it is taken over.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api")
            || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }
        var key = values.ToString();
        // Only requests with the header pay for a database context (not every POST on the hot path).
        var db = context.RequestServices.GetRequiredService<HubDbContext>();
        var maxLength = MaxKeyLength(db);
        if (key.Length == 0 || key.Length > maxLength || key.Any(char.IsControl))
        {
            await Problem(context, 400, "Invalid Idempotency-Key", $"The {Header} header must be 1 to {maxLength} characters, without control characters.");
            return;
        }

        var hash = await HashRequestAsync(context.Request, context.RequestAborted);
        var claimed = await ClaimAsync(db, key, hash, context.RequestAborted);
        if (claimed is not null)
        {
            await AnswerExistingAsync(context, claimed, hash);
            return;
        }

        // Stock-changing services complete the record inside their own transaction (IdempotentRequest), so a crash
        // between their commit and FinishAsync below still leaves the answer for a retry to replay.
        context.RequestServices.GetRequiredService<IdempotentRequest>().Claim(key);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var succeeded = false;
        try
        {
            await next(context);
            succeeded = context.Response.StatusCode is >= 200 and < 300;
        }
        finally
        {
            context.Response.Body = original;
            await FinishAsync(db, key, context, buffer, succeeded);
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    /// <summary>
    /// The longest key every store of it can hold, from the EF model: the key is kept on stock movements, and a
    /// reservation's commit keeps it once per location as "key:location".
    /// </summary>
    private static int MaxKeyLength(HubDbContext db)
    {
        static int Length(HubDbContext db, Type entity, string property) =>
            db.Model.FindEntityType(entity)?.FindProperty(property)?.GetMaxLength() ?? int.MaxValue;
        var movement = Length(db, typeof(Overal.Core.Inventory.StockMovement), nameof(Overal.Core.Inventory.StockMovement.IdempotencyKey));
        var location = Length(db, typeof(Overal.Core.Inventory.Location), nameof(Overal.Core.Inventory.Location.Id));
        var record = Length(db, typeof(IdempotencyRecord), nameof(IdempotencyRecord.Key));
        return Math.Min(record, movement - 1 - location);
    }

    /// <returns>null when this request now owns the key; otherwise the record that was there.</returns>
    private async Task<IdempotencyRecord?> ClaimAsync(HubDbContext db, string key, string hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sql = new SqlRunner(db);
        await sql.ExecuteAsync("DELETE FROM idempotency_records WHERE key = @key AND completed = @false AND created_at < @stale",
            cancellationToken, ("@key", key), ("@false", false), ("@stale", (now - Abandoned).ToUnixTimeMilliseconds()));
        var inserted = await sql.ExecuteAsync(
            """
            INSERT INTO idempotency_records (key, request_hash, completed, status_code, created_at)
            VALUES (@key, @hash, @false, 0, @now) ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken, ("@key", key), ("@hash", hash), ("@false", false), ("@now", now.ToUnixTimeMilliseconds()));
        if (inserted == 1) return null;
        return await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken)
            ?? await ClaimAsync(db, key, hash, cancellationToken);
    }

    private static async Task AnswerExistingAsync(HttpContext context, IdempotencyRecord existing, string hash)
    {
        if (existing.RequestHash != hash)
        {
            await Problem(context, 422, "Idempotency-Key reused",
                "This Idempotency-Key was first used with a different request (method, path or body). Use a new key for a new request.");
            return;
        }
        if (!existing.Completed)
        {
            await Problem(context, 409, "Request in progress",
                "The first request with this Idempotency-Key is still being processed. Retry after it has finished.");
            return;
        }
        context.Response.StatusCode = existing.StatusCode;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.Location is not null) context.Response.Headers.Location = existing.Location;
        if (existing.ContentType is not null) context.Response.ContentType = existing.ContentType;
        if (existing.Body is { Length: > 0 } body) await context.Response.Body.WriteAsync(body);
    }

    private static async Task FinishAsync(HubDbContext db, string key, HttpContext context, MemoryStream buffer, bool succeeded)
    {
        var sql = new SqlRunner(db);
        if (!succeeded)
        {
            // Only an open claim: a record completed in the effect's transaction stays, even if the answer never got out.
            await sql.ExecuteAsync("DELETE FROM idempotency_records WHERE key = @key AND completed = @false", CancellationToken.None,
                ("@key", key), ("@false", false));
            return;
        }
        await sql.ExecuteAsync(
            """
            UPDATE idempotency_records SET completed = @true, status_code = @status, content_type = @type, body = @body, location = @location
            WHERE key = @key
            """,
            CancellationToken.None,
            ("@true", true), ("@status", context.Response.StatusCode), ("@type", context.Response.ContentType),
            ("@body", buffer.ToArray()), ("@location", context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null), ("@key", key));
    }

    private static async Task<string> HashRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail, instance: context.Request.Path).ExecuteAsync(context);
}
