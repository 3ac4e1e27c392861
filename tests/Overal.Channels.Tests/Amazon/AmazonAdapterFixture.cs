using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Channels.Amazon;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Amazon;

namespace Overal.Channels.Tests.Amazon;

/// <summary>
/// The Amazon adapter against the SP-API simulator over real HTTP; limits are the contract's. Without a clock, feeds
/// are processed quickly (100 ms); with one, the simulator runs on that fake clock and feeds take their default
/// minutes, so a test moves time on instead of waiting.
/// </summary>
public sealed class AmazonAdapterFixture : IChannelAdapterFixture
{
    /// <summary>Runs the simulator on this clock (feeds then take their default minutes).</summary>
    public FakeTimeProvider? Clock { get; init; }

    private SimulatorServer? _server;
    private AmazonAdapter? _adapter;

    public IChannelAdapter Adapter => _adapter!;

    public AmazonAdapter Amazon => _adapter!;

    public IChannelSimulator Simulator => Sim;

    public AmazonSimulator Sim => _server!.Simulator<AmazonSimulator>();

    public HttpClient Http { get; } = new();

    public IReadOnlyList<SimulatedItem> Items { get; } =
    [
        new("AMZ-DRESS-S", "8712345100018", "Dress S", 49.95m, 10),
        new("AMZ-DRESS-M", "8712345100025", "Dress M", 49.95m, 10),
        new("AMZ-DRESS-L", "8712345100032", "Dress L", 49.95m, 10),
    ];

    public static void Configure(AmazonSimulatorOptions o) => o.FeedProcessingDelay = TimeSpan.FromMilliseconds(100);

    public AmazonAdapterOptions AdapterOptions(Action<AmazonAdapterOptions>? tweak = null)
    {
        var sim = Sim.Options;
        var options = new AmazonAdapterOptions
        {
            Endpoint = _server!.BaseFor("amazon"),
            TokenEndpoint = new Uri(_server.BaseFor("amazon"), "auth/o2/token"),
            ClientId = sim.ClientId,
            ClientSecret = sim.ClientSecret,
            RefreshToken = sim.RefreshToken,
            SellerId = sim.SellerId,
            MarketplaceIds = [AmazonSimulatorOptions.Netherlands],
            FeedPollInterval = TimeSpan.FromMilliseconds(50),
        };
        tweak?.Invoke(options);
        return options;
    }

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(s =>
        {
            if (Clock is null) s.Configure<AmazonSimulatorOptions>(Configure);
            else s.AddSingleton<TimeProvider>(Clock);
        });
        Sim.Seed(Items);
        _adapter = new AmazonAdapter(Http, AdapterOptions());
    }

    public AmazonAdapter CreateAdapter(Action<AmazonAdapterOptions> tweak, TimeProvider? time = null) => new(Http, AdapterOptions(tweak), time);

    public Uri Base => _server!.BaseFor("amazon");

    public async Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var response = await Http.PostAsJsonAsync(new Uri(Base, "_sim/orders"), new { items = skus.Select(s => new { sku = s, quantity = 1 }) }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PlacedOrder>(cancellationToken))!.AmazonOrderId;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    private sealed record PlacedOrder(string AmazonOrderId);
}
