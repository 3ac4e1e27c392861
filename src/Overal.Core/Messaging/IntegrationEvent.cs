namespace Overal.Core.Messaging;

/// <summary>
/// Something that happened in the hub, announced to whoever listens. Immutable records named in the past tense;
/// <see cref="EventName"/> is stable (it is the routing key on a broker) and never derived from the CLR name.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset OccurredAt { get; init; }

    public abstract string EventName { get; }
}
