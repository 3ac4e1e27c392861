namespace Overal.Core.Messaging.Events;

/// <summary>A SKU's stock changed (movement, reservation, expiry) and with it what these channels should show.</summary>
public sealed record StockChanged(string Sku, IReadOnlyList<string> ChannelsChanged) : IntegrationEvent
{
    public const string Name = "inventory.stock_changed";

    public override string EventName => Name;
}
