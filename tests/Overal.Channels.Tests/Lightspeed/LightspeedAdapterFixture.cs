using Overal.Channels.Abstractions;
using Overal.Channels.Lightspeed;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Lightspeed;

namespace Overal.Channels.Tests.Lightspeed;

/// <summary>The POS adapter declares no outbound capability; the compliance suite checks it says so.</summary>
public sealed class LightspeedAdapterFixture : IChannelAdapterFixture
{
    private SimulatorServer? _server;

    public IChannelAdapter Adapter { get; } = new LightspeedAdapter();

    public IChannelSimulator Simulator { get; private set; } = null!;

    public IReadOnlyList<SimulatedItem> Items { get; } =
    [
        new("TEE-ORG-BLK-S", "8712345000011", "Organic tee black S", 29.95m, 10),
        new("TEE-ORG-BLK-M", "8712345000028", "Organic tee black M", 29.95m, 12),
        new("JEAN-SLIM-32", "8712345000035", "Slim jeans 32", 89.95m, 4),
    ];

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync();
        Simulator = _server.Simulator<LightspeedSimulator>();
        Simulator.Seed(Items);
    }

    public Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The POS does not take orders; sales are rung up with LightspeedSimulator.RingUpSaleAsync.");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
