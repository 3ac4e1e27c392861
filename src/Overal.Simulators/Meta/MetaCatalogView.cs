using Overal.Simulators.Control;

namespace Overal.Simulators.Meta;

/// <summary>One catalog of the Meta simulator as an <see cref="IChannelSimulator"/>; not mapped, the parent serves the routes.</summary>
internal sealed class MetaCatalogView(MetaSimulator parent, string catalogId) : IChannelSimulator
{
    public string Name => parent.Name;

    public FaultInjector Faults => parent.Faults;

    public void Map(IEndpointRouteBuilder routes)
    {
    }

    public void Seed(IReadOnlyList<SimulatedItem> items) => parent.Seed(items);

    public IReadOnlyDictionary<string, int> Quantities() => parent.QuantitiesOf(catalogId);

    public void Corrupt(string sku, int quantity) => parent.CorruptIn(catalogId, sku, quantity);
}
