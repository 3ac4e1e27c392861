using Overal.Core.Persistence;

namespace Overal.Core.Messaging;

/// <summary>Writes events into the outbox inside the caller's transaction, and wakes the relay after commit.</summary>
public sealed class Outbox(OutboxSignal signal)
{
    public async Task AddAsync(SqlRunner sql, IntegrationEvent e, CancellationToken cancellationToken)
    {
        var insert = Insert(e);
        await sql.ExecuteAsync(insert.Sql, cancellationToken, [.. insert.Parameters]);
    }

    /// <summary>The outbox row for an event, for callers that send their writes as one batch.</summary>
    public static SqlStatement Insert(IntegrationEvent e) => new(
        "INSERT INTO outbox_messages (id, event_name, payload, occurred_at, attempts) VALUES (@id, @name, @payload, @at, 0)",
        ("@id", e.Id), ("@name", e.EventName), ("@payload", EventTypes.Serialize(e)), ("@at", e.OccurredAt.ToUnixTimeMilliseconds()));

    /// <summary>Call after the transaction committed.</summary>
    public void Committed() => signal.Wake();
}
