namespace Overal.Simulators.Bol;

/// <summary>The endpoint groups bol limits separately (its conventions page lists limits per method + path pattern).</summary>
public static class BolRateGroups
{
    public const string OrdersList = "orders-list";
    public const string OrderDetail = "order-detail";
    public const string OrdersWrite = "orders-write";
    public const string Offers = "offers";
    public const string ProcessStatus = "process-status";
    public const string Token = "token";
}
