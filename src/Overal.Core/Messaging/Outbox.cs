using Overal.Core.Persistence;

namespace Overal.Core.Messaging;

/// <summary>Writes events into the outbox inside the caller's transaction, and wakes the relay after commit.</summary>
public sealed class Outbox(OutboxSignal signal)
{
    public async Task AddAsync(SqlRunner sql, IntegrationEvent e, CancellationToken cancellationToken)
    {
        await sql.ExecuteAsync(
            "INSERT INTO outbox_messages (id, event_name, payload, occurred_at, attempts) VALUES (@id, @name, @payload, @at, 0)",
            cancellationToken, ("@id", e.Id), ("@name", e.EventName), ("@payload", EventTypes.Serialize(e)), ("@at", e.OccurredAt.ToUnixTimeMilliseconds()));
    }

    /// <summary>Call after the transaction committed.</summary>
    public void Committed() => signal.Wake();
}
