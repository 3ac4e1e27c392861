namespace Overal.Hub.Channels;

/// <summary>
/// The demo-traffic switch: Demo:Traffic:Enabled, Demo:Traffic:SalesPerMinute (store sales) and
/// Demo:Traffic:OrdersPerMinute (channel orders), changeable at run time via /api/demo/traffic.
/// </summary>
public sealed class DemoTrafficSettings(IConfiguration configuration)
{
    private volatile bool _enabled = configuration.GetValue("Demo:Traffic:Enabled", false);
    private double _salesPerMinute = Rate(configuration.GetValue("Demo:Traffic:SalesPerMinute", 30.0), 1, 6000, 30);
    private double _ordersPerMinute = Rate(configuration.GetValue("Demo:Traffic:OrdersPerMinute", 2.0), 0, 600, 2);

    public bool Enabled => _enabled;

    public double SalesPerMinute => Volatile.Read(ref _salesPerMinute);

    public double OrdersPerMinute => Volatile.Read(ref _ordersPerMinute);

    public void Set(bool enabled, double? salesPerMinute, double? ordersPerMinute = null)
    {
        if (salesPerMinute is { } rate) Volatile.Write(ref _salesPerMinute, Rate(rate, 1, 6000, SalesPerMinute));
        if (ordersPerMinute is { } orders) Volatile.Write(ref _ordersPerMinute, Rate(orders, 0, 600, OrdersPerMinute));
        _enabled = enabled;
    }

    /// <summary>Math.Clamp passes NaN through, and a NaN rate would make the traffic loop's delay throw: keep the old value instead.</summary>
    private static double Rate(double value, double min, double max, double otherwise) => double.IsFinite(value) ? Math.Clamp(value, min, max) : otherwise;
}
