using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Abstractions;
using Overal.Channels.Bol;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Bol;

namespace Overal.Channels.Tests.Bol;

/// <summary>
/// The bol adapter against the bol simulator over real HTTP. Processing is quick (50 ms) and the orders limits are
/// relaxed so a class's tests can share one simulator; everything else keeps the contract's defaults.
/// </summary>
public sealed class BolAdapterFixture : IChannelAdapterFixture
{
    private SimulatorServer? _server;
    private BolAdapter? _adapter;

    public IChannelAdapter Adapter => _adapter!;

    public BolAdapter Bol => _adapter!;

    public IChannelSimulator Simulator => Sim;

    public BolSimulator Sim => _server!.Simulator<BolSimulator>();

    public SimulatorServer Server => _server!;

    public HttpClient Http { get; } = new();

    public IReadOnlyList<SimulatedItem> Items { get; } =
    [
        new("BOL-TEE-S", "8712345000011", "T-shirt S", 19.95m, 10),
        new("BOL-TEE-M", "8712345000028", "T-shirt M", 19.95m, 10),
        new("BOL-TEE-L", "8712345000035", "T-shirt L", 19.95m, 10),
        new("BOL-JEANS-32", "8712345000042", "Jeans 32", 59.95m, 4),
    ];

    public static void Configure(BolSimulatorOptions o)
    {
        o.ProcessingDelay = TimeSpan.FromMilliseconds(50);
        o.RateLimits[BolRateGroups.OrdersList] = new(100, TimeSpan.FromMinutes(1));
        o.RateLimits[BolRateGroups.OrderDetail] = new(100, TimeSpan.FromMinutes(1));
    }

    public BolAdapterOptions AdapterOptions(BolSimulatorOptions simulator) => new()
    {
        BaseAddress = _server!.BaseFor("bol"),
        TokenEndpoint = new Uri(_server.BaseFor("bol"), "token"),
        ClientId = simulator.ClientId,
        ClientSecret = simulator.ClientSecret,
        ProcessStatusPollInterval = TimeSpan.FromMilliseconds(50),
        ProcessStatusTimeout = TimeSpan.FromSeconds(10),
        OfferDirectoryRefreshInterval = TimeSpan.Zero,
    };

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(s => s.Configure<BolSimulatorOptions>(Configure));
        Sim.Seed(Items);
        _adapter = new BolAdapter(Http, AdapterOptions(Sim.Options));
    }

    public async Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var response = await Http.PostAsJsonAsync(new Uri(_server!.BaseFor("bol"), "_sim/orders"),
            new { items = skus.Select(s => new { sku = s, quantity = 1 }) }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var placed = await response.Content.ReadFromJsonAsync<PlacedOrder>(cancellationToken);
        return placed!.OrderId;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    private sealed record PlacedOrder(string OrderId, string[] OrderItemIds);
}
