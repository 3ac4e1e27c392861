using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Abstractions;
using Overal.Channels.Meta;
using Overal.Channels.Tests.Compliance;
using Overal.Channels.Tests.Support;
using Overal.Simulators;
using Overal.Simulators.Meta;

namespace Overal.Channels.Tests.Meta;

/// <summary>
/// Both Meta catalog adapters (instagram, facebook) registered as the hub registers them, against the Meta simulator
/// over HTTP; <see cref="Adapter"/> and <see cref="Simulator"/> are the one catalog named by <see cref="ChannelId"/>.
/// </summary>
public abstract class MetaAdapterFixture : IChannelAdapterFixture
{
    private SimulatorServer? _server;
    private ServiceProvider? _services;

    protected abstract string ChannelId { get; }

    public IChannelAdapter Adapter { get; private set; } = null!;

    public IChannelSimulator Simulator { get; private set; } = null!;

    public MetaSimulator MetaSimulator { get; private set; } = null!;

    public ServiceProvider Services => _services!;

    public SimulatorServer Server => _server!;

    public string CatalogId => MetaSimulator.Options.Catalogs[ChannelId];

    public virtual IReadOnlyList<SimulatedItem> Items { get; } =
        [.. Enumerable.Range(1, 5).Select(i => new SimulatedItem($"META-{i:D3}", TestEans.For(500 + i), $"Blouse {i}", 39.95m, 6))];

    protected virtual void ConfigureSimulators(IServiceCollection services) =>
        services.Configure<MetaSimulatorOptions>(o => o.ProcessingDelay = TimeSpan.FromMilliseconds(100));

    protected virtual void ConfigureAdapter(MetaCatalogOptions options) => options.StatusPollInterval = TimeSpan.FromMilliseconds(25);

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(ConfigureSimulators);
        MetaSimulator = _server.Simulator<MetaSimulator>();
        MetaSimulator.Seed(Items);
        var sim = MetaSimulator.Options;
        var services = new ServiceCollection();
        foreach (var channel in new[] { "instagram", "facebook" })
        {
            services.AddMetaCatalogChannel(channel, configure: o =>
            {
                o.BaseAddress = _server.BaseFor("meta");
                o.CatalogId = sim.Catalogs[channel];
                o.AccessToken = sim.AccessToken;
                ConfigureAdapter(o);
            });
        }
        services.AddSingleton(_server.Services.GetRequiredService<TimeProvider>());
        _services = services.BuildServiceProvider();
        Adapter = _services.GetServices<IChannelAdapter>().Single(a => a.ChannelId == ChannelId);
        Simulator = MetaSimulator.Catalog(ChannelId);
    }

    public Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Meta orders are not simulated.");

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public class InstagramAdapterFixture : MetaAdapterFixture
{
    protected override string ChannelId => "instagram";
}

public class FacebookAdapterFixture : MetaAdapterFixture
{
    protected override string ChannelId => "facebook";
}
