using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Lightspeed;
using Overal.Simulators.Shopify;

namespace Overal.Channels.Tests.Shopify;

/// <summary>The simulators' own control routes (not part of any channel contract) work over HTTP for demo traffic.</summary>
public sealed class ShopifySimControlRoutesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_and_sales_can_be_placed_over_http()
    {
        await using var server = await SimulatorServer.StartAsync();
        var item = new SimulatedItem("SKU-A", "8712345000011", "A", 29.95m, 5);
        server.Simulator<ShopifySimulator>().Seed([item]);
        server.Simulator<LightspeedSimulator>().Seed([item]);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var order = await http.PostAsJsonAsync("shopify/_sim/orders", new { lines = new[] { new { sku = "SKU-A", quantity = 2 } } }, Ct);
        using var sale = await http.PostAsJsonAsync("lightspeed/_sim/sales", new { outlet = "Tilburg", lines = new[] { new { sku = "SKU-A", quantity = 1 } } }, Ct);
        using var unknown = await http.PostAsJsonAsync("shopify/_sim/orders", new { lines = new[] { new { sku = "NOPE", quantity = 1 } } }, Ct);

        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        Assert.StartsWith("gid://shopify/Order/", (await order.Content.ReadFromJsonAsync<JsonObject>(Ct))!["adminGraphqlApiId"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, server.Simulator<ShopifySimulator>().Quantities()["SKU-A"]);
        Assert.Equal(HttpStatusCode.OK, sale.StatusCode);
        var tilburg = server.Simulator<LightspeedSimulator>().Outlets.Single(o => o.Value == "Tilburg").Key;
        Assert.Equal(-1, server.Simulator<LightspeedSimulator>().QuantityAt(tilburg, "SKU-A"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
