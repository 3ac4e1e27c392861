namespace Overal.Core.Messaging;

/// <summary>An integration event stored in the transaction that caused it, until the relay has published it.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string EventName { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
