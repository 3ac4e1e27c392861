namespace Overal.Hub.Channels;

/// <summary>
/// The demo-traffic switch: Demo:Traffic:Enabled, Demo:Traffic:SalesPerMinute (store sales) and
/// Demo:Traffic:OrdersPerMinute (channel orders), changeable at run time via /api/demo/traffic.
/// </summary>
public sealed class DemoTrafficSettings(IConfiguration configuration)
{
    private volatile bool _enabled = configuration.GetValue("Demo:Traffic:Enabled", false);
    private double _salesPerMinute = Math.Clamp(configuration.GetValue("Demo:Traffic:SalesPerMinute", 30.0), 1, 6000);
    private double _ordersPerMinute = Math.Clamp(configuration.GetValue("Demo:Traffic:OrdersPerMinute", 2.0), 0, 600);

    public bool Enabled => _enabled;

    public double SalesPerMinute => Volatile.Read(ref _salesPerMinute);

    public double OrdersPerMinute => Volatile.Read(ref _ordersPerMinute);

    public void Set(bool enabled, double? salesPerMinute, double? ordersPerMinute = null)
    {
        if (salesPerMinute is { } rate) Volatile.Write(ref _salesPerMinute, Math.Clamp(rate, 1, 6000));
        if (ordersPerMinute is { } orders) Volatile.Write(ref _ordersPerMinute, Math.Clamp(orders, 0, 600));
        _enabled = enabled;
    }
}
