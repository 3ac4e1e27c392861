namespace Overal.Core.Idempotency;

/// <summary>The first result of a POST made with an Idempotency-Key, replayed for retries (kept at least 24 h).</summary>
public sealed class IdempotencyRecord
{
    /// <summary>The key, scoped by method and path so two endpoints never share one.</summary>
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public bool Completed { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
