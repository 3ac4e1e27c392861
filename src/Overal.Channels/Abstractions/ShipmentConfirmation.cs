namespace Overal.Channels.Abstractions;

public sealed record ShipmentConfirmation(
    string ExternalOrderId,
    IReadOnlyList<ShipmentLine> Lines,
    string Carrier,
    string TrackingNumber,
    string? TrackingUrl,
    DateTimeOffset ShippedAt);

public sealed record ShipmentLine(string ExternalLineId, int Quantity);

/// <param name="ReasonCode">The hub's reason: out_of_stock | requested_by_customer | not_available_in_time | technical_issue; adapters map it to the channel's code.</param>
public sealed record OrderCancellation(string ExternalOrderId, IReadOnlyList<ShipmentLine> Lines, string ReasonCode);

/// <summary>Units of an order that came back, with the hub's reason and what was done with them (restock | damage).</summary>
public sealed record ReturnConfirmation(string ExternalOrderId, IReadOnlyList<ShipmentLine> Lines, string Reason, string Disposition);

/// <param name="Retryable">When not successful: whether trying again later could help.</param>
/// <param name="RetryAfter">The channel asked us to wait this long (a rate limit): the hub comes back then without
/// counting the call as a failed attempt, since a throttled call says nothing about the action itself.</param>
public sealed record ChannelActionResult(bool Succeeded, bool Retryable, string? Error, TimeSpan? RetryAfter = null)
{
    public static ChannelActionResult Ok { get; } = new(true, false, null);
}
