namespace Overal.Simulators;

/// <summary>
/// One channel's API as a faithful local stand-in. It keeps its own state, enforces the channel's auth and
/// limits, and honours the fault controls in <see cref="Control.FaultSettings"/>.
/// </summary>
public interface IChannelSimulator
{
    /// <summary>Path prefix and control name: shopify, lightspeed, bol, amazon, zalando, meta.</summary>
    string Name { get; }

    /// <summary>Maps the channel's endpoints; <paramref name="routes"/> is already under /{Name}.</summary>
    void Map(IEndpointRouteBuilder routes);

    /// <summary>Creates listings for these items (what a real channel would have before stock is synced).</summary>
    void Seed(IReadOnlyList<SimulatedItem> items);

    /// <summary>The quantity the channel currently shows per SKU (for tests and the control API).</summary>
    IReadOnlyDictionary<string, int> Quantities();

    /// <summary>Overwrites the channel's own number for a SKU behind the hub's back (drift injection).</summary>
    void Corrupt(string sku, int quantity);

    /// <summary>This simulator's fault controls.</summary>
    Control.FaultInjector Faults { get; }
}

/// <summary>A product listing as the channel knows it.</summary>
public sealed record SimulatedItem(string Sku, string Ean, string Title, decimal Price, int Quantity);
