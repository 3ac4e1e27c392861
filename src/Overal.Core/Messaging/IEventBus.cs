namespace Overal.Core.Messaging;

/// <summary>
/// Publishes integration events to subscribers (in this process, or through a broker to every hub process).
/// Correctness never depends on it: the database is the truth, the bus is the nervous system. Producers do not
/// call it directly inside a use case: they write the event to the outbox in their transaction
/// (<see cref="Outbox"/>) and the relay publishes it.
/// </summary>
public interface IEventBus
{
    /// <summary>Returns once the transport has accepted the event (a broker: after its publisher confirm).</summary>
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for every event of type <typeparamref name="TEvent"/>; dispose to stop.
    /// Handlers must be idempotent: delivery is at least once.</summary>
    IDisposable Subscribe<TEvent>(Func<TEvent, CancellationToken, Task> handler) where TEvent : IntegrationEvent;
}
