namespace Overal.Core.Orders;

/// <summary>
/// Outbox row for a write-back to the order's channel, stored in the transaction of the state change that caused it
/// and sent by <see cref="ChannelActionDispatcher"/> with retries; never lost when no adapter is registered yet.
/// </summary>
public sealed class ChannelAction
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public required string ChannelId { get; set; }
    public ChannelActionKind Kind { get; set; }

    /// <summary>The adapter call's argument as JSON (<c>ShipmentConfirmation</c>, <c>OrderCancellation</c> or a return notice).</summary>
    public required string Payload { get; set; }
    public ChannelActionStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? LastError { get; set; }
}

public enum ChannelActionKind { ShipmentConfirmed, LinesCancelled, ReturnReceived }

public enum ChannelActionStatus { Pending, WaitingForAdapter, Done, Dead, Unsupported }
