using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Abstractions;
using Overal.Channels.Tests.Compliance;
using Overal.Channels.Tests.Support;
using Overal.Channels.Zalando;
using Overal.Simulators;
using Overal.Simulators.Zalando;

namespace Overal.Channels.Tests.Zalando;

/// <summary>The Zalando adapter against the zDirect simulator over HTTP, registered as the hub would register it.</summary>
public class ZalandoAdapterFixture : IChannelAdapterFixture
{
    private SimulatorServer? _server;
    private ServiceProvider? _services;

    public IChannelAdapter Adapter { get; private set; } = null!;

    public IChannelSimulator Simulator => ZalandoSimulator;

    public ZalandoSimulator ZalandoSimulator { get; private set; } = null!;

    public SimulatorServer Server => _server!;

    public virtual IReadOnlyList<SimulatedItem> Items { get; } =
        [.. Enumerable.Range(1, 5).Select(i => new SimulatedItem($"ZAL-{i:D3}", TestEans.For(i), $"Jurk {i}", 49.95m + i, 10))];

    /// <summary>Lets a derived fixture relax limits or swap the clock.</summary>
    protected virtual void ConfigureSimulators(IServiceCollection services)
    {
    }

    protected virtual void ConfigureAdapter(ZalandoOptions options)
    {
    }

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(ConfigureSimulators);
        ZalandoSimulator = _server.Simulator<ZalandoSimulator>();
        ZalandoSimulator.Seed(Items);
        var sim = ZalandoSimulator.Options;
        _services = new ServiceCollection()
            .AddZalandoChannel(configure: o =>
            {
                o.BaseAddress = _server.BaseFor("zalando");
                o.ClientId = sim.ClientId;
                o.ClientSecret = sim.ClientSecret;
                o.MerchantId = sim.MerchantId;
                o.SalesChannelIds = [.. sim.SalesChannels.Values];
                ConfigureAdapter(o);
            })
            .AddSingleton(_server.Services.GetRequiredService<TimeProvider>())
            .BuildServiceProvider();
        Adapter = _services.GetRequiredService<IChannelAdapter>();
    }

    public async Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = _server!.BaseFor("zalando") };
        var response = await http.PostAsJsonAsync("_sim/orders", new { items = skus.Select(s => new { sku = s, quantity = 1 }) }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken);
        return body.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
