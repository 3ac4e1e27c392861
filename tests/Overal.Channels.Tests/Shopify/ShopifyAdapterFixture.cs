using Overal.Channels.Abstractions;
using Overal.Channels.Shopify;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Shopify;

namespace Overal.Channels.Tests.Shopify;

public sealed class ShopifyAdapterFixture : IChannelAdapterFixture
{
    private SimulatorServer? _server;
    private readonly HttpClient _http = new();

    public ShopifyAdapter ShopifyAdapter { get; private set; } = null!;

    public ShopifySimulator Sim { get; private set; } = null!;

    public IChannelAdapter Adapter => ShopifyAdapter;

    public IChannelSimulator Simulator => Sim;

    public IReadOnlyList<SimulatedItem> Items { get; } =
    [
        new("TEE-ORG-BLK-S", "8712345000011", "Organic tee black S", 29.95m, 10),
        new("TEE-ORG-BLK-M", "8712345000028", "Organic tee black M", 29.95m, 12),
        new("JEAN-SLIM-32", "8712345000035", "Slim jeans 32", 89.95m, 4),
        new("SCARF-WOOL-GRN", "8712345000042", "Wool scarf green", 39.95m, 6),
    ];

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync();
        Sim = _server.Simulator<ShopifySimulator>();
        Sim.Seed(Items);
        ShopifyAdapter = ShopifyChannelServiceCollectionExtensions.CreateAdapter(_http, new ShopifyOptions
        {
            BaseUrl = _server.BaseFor("shopify"),
            AccessToken = Sim.Options.AccessToken,
            LocationId = Sim.LocationIds[0],
        });
    }

    public async Task<string> PlaceOrderAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var placed = await Sim.PlaceOrderAsync(new ShopifySimOrderRequest([.. skus.Select(s => new ShopifySimOrderLine(s, 1))]), cancellationToken);
        return placed.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }
}
