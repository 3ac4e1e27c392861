namespace Overal.Hub.Channels;

/// <summary>The demo-traffic switch: Demo:Traffic:Enabled and Demo:Traffic:SalesPerMinute, changeable at run time via /api/demo/traffic.</summary>
public sealed class DemoTrafficSettings(IConfiguration configuration)
{
    private volatile bool _enabled = configuration.GetValue("Demo:Traffic:Enabled", false);
    private double _salesPerMinute = Math.Clamp(configuration.GetValue("Demo:Traffic:SalesPerMinute", 30.0), 1, 6000);

    public bool Enabled => _enabled;

    public double SalesPerMinute => Volatile.Read(ref _salesPerMinute);

    public void Set(bool enabled, double? salesPerMinute)
    {
        if (salesPerMinute is { } rate) Volatile.Write(ref _salesPerMinute, Math.Clamp(rate, 1, 6000));
        _enabled = enabled;
    }
}
