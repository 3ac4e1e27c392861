namespace Overal.Channels.Abstractions;

/// <summary>What an adapter can do; the hub asks before it calls.</summary>
[Flags]
public enum ChannelCapabilities
{
    None = 0,
    PushStock = 1,
    PushPrice = 2,
    ImportOrders = 4,
    ConfirmShipment = 8,
    CancelOrder = 16,
    ReadBackStock = 32,
    ReceiveWebhooks = 64,
    ConfirmReturn = 128,
}
