using Overal.Channels.Abstractions;
using Overal.Simulators;

namespace Overal.Channels.Tests.Compliance;

/// <summary>An adapter wired to its own simulator, with a few seeded listings.</summary>
public interface IChannelAdapterFixture : IAsyncLifetime
{
    IChannelAdapter Adapter { get; }

    IChannelSimulator Simulator { get; }

    /// <summary>Listings seeded in the simulator; at least three.</summary>
    IReadOnlyList<SimulatedItem> Items { get; }

    /// <summary>Places an order for one unit of each SKU on the channel side (as a shopper would); returns its external id.
    /// Only called when the adapter can import orders.</summary>
    Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);

    /// <summary>False for a channel that lives in-process (the B2B portal's store): it has no transport that could be
    /// throttled or go down, so the throttle and outage checks do not apply to it.</summary>
    bool ChannelCanFail => true;
}
