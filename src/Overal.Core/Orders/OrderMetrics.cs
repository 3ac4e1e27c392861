using System.Diagnostics.Metrics;

namespace Overal.Core.Orders;

/// <summary>OpenTelemetry instruments of the order area (Meter "Overal.Orders").</summary>
public sealed class OrderMetrics : IDisposable
{
    public const string MeterName = "Overal.Orders";
    private readonly Meter _meter;

    public OrderMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        Oversold = _meter.CreateCounter<long>("overal.orders.oversold", "{line}", "Marketplace order lines sold by the channel that the hub could not allocate.");
        Ingested = _meter.CreateCounter<long>("overal.orders.ingested", "{order}", "Orders created from any source.");
        ActionsDead = _meter.CreateCounter<long>("overal.orders.channel_actions.dead", "{action}", "Channel write-backs given up after their last attempt.");
    }

    public Counter<long> Oversold { get; }
    public Counter<long> Ingested { get; }
    public Counter<long> ActionsDead { get; }

    public void Dispose() => _meter.Dispose();
}
