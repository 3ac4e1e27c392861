namespace Overal.Core.Messaging.Events;

/// <summary>
/// An order changed: created, allocated, moved, shipped, cancelled, returned… One per order per transaction, written to
/// the outbox with the change (so it is published only after it committed).
/// </summary>
/// <param name="Status">The order's status after the change, snake_case as in the API (<c>picking</c>, <c>ready_for_pickup</c>).</param>
/// <param name="Changes">The timeline entry types the transaction wrote, in order (<c>created</c>, <c>allocation</c>, <c>status_changed</c>…).</param>
/// <param name="Locations">The order's click &amp; collect store and every location it was ever allocated at, so a store's
/// dashboard can ignore other stores' orders without asking the database.</param>
public sealed record OrderChanged(Guid OrderId, string ChannelId, string Status, IReadOnlyList<string> Changes, IReadOnlyList<string> Locations) : IntegrationEvent
{
    public const string Name = "orders.order_changed";

    public override string EventName => Name;
}
