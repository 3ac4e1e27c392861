using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Abstractions;
using Overal.Channels.B2B;
using Overal.Channels.Tests.Compliance;
using Overal.Channels.Tests.Support;
using Overal.Simulators;

namespace Overal.Channels.Tests.B2B;

public sealed class B2bAdapterFixture : IChannelAdapterFixture
{
    private ServiceProvider? _services;

    public IChannelAdapter Adapter { get; private set; } = null!;

    public IChannelSimulator Simulator { get; private set; } = null!;

    public B2bAvailabilityStore Store { get; private set; } = null!;

    public IReadOnlyList<SimulatedItem> Items { get; } =
        [.. Enumerable.Range(1, 4).Select(i => new SimulatedItem($"B2B-{i:D3}", TestEans.For(900 + i), $"Colli jeans {i}", 22.50m, 40))];

    public bool ChannelCanFail => false;

    public ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddB2bChannel().BuildServiceProvider();
        Adapter = _services.GetRequiredService<IChannelAdapter>();
        Store = _services.GetRequiredService<B2bAvailabilityStore>();
        Simulator = new B2bStoreView(Store);
        Simulator.Seed(Items);
        return ValueTask.CompletedTask;
    }

    public Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
        throw new NotSupportedException("B2B orders come from the portal.");

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }
}
