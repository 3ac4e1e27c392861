using Microsoft.AspNetCore.Routing;
using Overal.Channels.B2B;
using Overal.Simulators;
using Overal.Simulators.Control;

namespace Overal.Channels.Tests.B2B;

/// <summary>
/// The B2B store seen through the simulator interface the compliance suite speaks. There is no B2B simulator: the
/// channel is the in-process store itself, so its fault controls exist but nothing can fail.
/// </summary>
internal sealed class B2bStoreView(B2bAvailabilityStore store) : IChannelSimulator
{
    public string Name => "b2b";

    public FaultInjector Faults { get; } = new(TimeProvider.System);

    public void Map(IEndpointRouteBuilder routes)
    {
    }

    public void Seed(IReadOnlyList<SimulatedItem> items)
    {
        foreach (var item in items)
        {
            store.PublishPrice(item.Sku, item.Ean, item.Price, "EUR");
            store.TryPublishAvailability(item.Sku, item.Quantity);
        }
    }

    public IReadOnlyDictionary<string, int> Quantities() =>
        store.Snapshot().Where(e => e.Available is not null).ToDictionary(e => e.Sku, e => e.Available!.Value);

    public void Corrupt(string sku, int quantity) => store.TryPublishAvailability(sku, quantity);
}
