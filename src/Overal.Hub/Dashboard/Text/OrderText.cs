using MudBlazor;
using Overal.Core.Orders;

namespace Overal.Hub.Dashboard;

/// <summary>The English text keys (looked up in <see cref="DashboardText"/>) and colours for order states on the Orders pages.</summary>
public static class OrderText
{
    public static string Status(OrderStatus s) => s switch
    {
        OrderStatus.ReadyForPickup => "Ready for pickup",
        _ => s.ToString(),
    };

    public static string Delivery(DeliveryKind k) => k switch
    {
        DeliveryKind.ClickAndCollect => "Click & collect",
        DeliveryKind.PickupPoint => "Pickup point",
        DeliveryKind.StoreSale => "Store sale",
        _ => "Home delivery",
    };

    public static Color Colour(OrderStatus s) => s switch
    {
        OrderStatus.New => Color.Info,
        OrderStatus.Allocated or OrderStatus.Picking or OrderStatus.Packed or OrderStatus.ReadyForPickup => Color.Warning,
        OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Collected or OrderStatus.Completed => Color.Success,
        _ => Color.Default,
    };
}
