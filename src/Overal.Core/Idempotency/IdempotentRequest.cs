using Overal.Core.Errors;
using Overal.Core.Persistence;

namespace Overal.Core.Idempotency;

/// <summary>
/// The Idempotency-Key the current request claimed, if any, and how its endpoint answers. A stock-changing service
/// writes that answer into the idempotency record inside its own transaction (<see cref="RecordAsync{T}"/>), so the
/// effect and the answer a retry replays commit together: a process that dies after the commit leaves a completed
/// record, never an effect whose retry runs it again. One per request scope; without a key it does nothing.
/// </summary>
public sealed class IdempotentRequest
{
    private Func<object, IdempotentAnswer?>? _render;

    /// <summary>The key this request owns (its record is claimed and not completed yet).</summary>
    public string? Key { get; private set; }

    /// <summary>Called by the API once it has claimed the key for this request.</summary>
    public void Claim(string key) => Key = key;

    /// <summary>Tells the service how the endpoint will answer once it has a <typeparamref name="T"/>.</summary>
    public void AnswerWith<T>(Func<T, IdempotentAnswer> render) where T : class => _render = o => o is T result ? render(result) : null;

    /// <summary>
    /// Completes the key's record with the answer for <paramref name="result"/> in the caller's transaction (send it
    /// before the commit). Conditional on the record still being open: if another request with the same key completed
    /// it meanwhile, this one is refused with 409 and its transaction rolls back, so the key has one effect.
    /// </summary>
    public async Task RecordAsync<T>(SqlRunner sql, T result, CancellationToken cancellationToken) where T : class
    {
        if (Key is null || _render?.Invoke(result) is not { } answer) return;
        var completed = await sql.ExecuteAsync(
            """
            UPDATE idempotency_records SET completed = @true, status_code = @status, content_type = @type, body = @body, location = @location
            WHERE key = @key AND completed = @false
            """,
            cancellationToken,
            ("@true", true), ("@false", false), ("@status", answer.StatusCode), ("@type", answer.ContentType), ("@body", answer.Body),
            ("@location", answer.Location), ("@key", Key));
        if (completed == 0)
        {
            throw HubException.Conflict("Another request with this Idempotency-Key has completed meanwhile; retry with the same key to get its answer.");
        }
        _render = null;
    }
}

/// <summary>What the endpoint answers: replayed byte for byte to a retry with the same key.</summary>
public sealed record IdempotentAnswer(int StatusCode, string? ContentType, byte[] Body, string? Location);
