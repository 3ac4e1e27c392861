using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Overal.Hub.Channels;
using Overal.Simulators;
using Overal.Simulators.Shopify;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

/// <summary>
/// A Shopify order for a product the hub does not know arrives by the simulator's signed webhook, is accepted and
/// waits on its order page; staff map the line to a hub SKU there and the order allocates.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OrderAttentionBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task StaffMapAShopifyLineWithAnUnknownSkuOnTheOrderPageAndTheOrderAllocates()
    {
        var ct = TestContext.Current.CancellationToken;
        var shopify = Hub.Services.GetRequiredService<DemoSimulators>().Get<ShopifySimulator>();
        // A product the merchant added in Shopify only: the hub's catalogue has no such SKU (random, not time-ordered: two tests run within the same minute).
        var shopOnly = "SHOP-ONLY-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        shopify.Seed([new SimulatedItem(shopOnly, "8712345999994", "Linen scarf, sand", 24.95m, 3)]);
        var placed = await shopify.PlaceOrderAsync(new ShopifySimOrderRequest([new ShopifySimOrderLine(shopOnly, 1)], "sanne@example.nl"), ct);
        Assert.Equal(200, placed.WebhookStatus);
        var sku = await TestOrders.SkuAtAsync(Hub, "warehouse", ct);

        Guid id;
        using (var api = Hub.Http(DashboardHost.ApiKey))
        {
            var waiting = await api.GetFromJsonAsync<JsonObject>("api/orders?channel=webshop&needsAttention=true&pageSize=500", ct);
            var externalId = placed.OrderId.ToString(CultureInfo.InvariantCulture);
            id = Guid.Parse(waiting!["items"]!.AsArray().Single(o => o!["externalId"]!.GetValue<string>() == externalId)!["id"]!.GetValue<string>());
        }

        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "new");
        await Expect(page.GetByTestId("needs-attention-badge")).ToHaveTextAsync("Needs attention");
        var unmatched = page.GetByTestId("unmatched-1");
        await Expect(unmatched).ToContainTextAsync(shopOnly);
        await Expect(unmatched).ToContainTextAsync("Linen scarf, sand");
        await Expect(page.GetByTestId("action-allocate")).ToHaveCountAsync(0);

        await page.FillAsync("#match-sku-1", sku);
        await page.GetByTestId("match-1").ClickAsync();

        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "allocated");
        await Expect(page.GetByTestId("needs-attention-badge")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("unmatched-lines")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("line-allocation-1")).ToContainTextAsync("warehouse");
        await page.Context.CloseAsync();

        using var check = Hub.Http(DashboardHost.ApiKey);
        var order = await check.GetFromJsonAsync<JsonObject>($"api/orders/{id}", ct);
        Assert.False(order!["needsAttention"]!.GetValue<bool>());
        var line = Assert.Single(order["lines"]!.AsArray())!;
        Assert.Equal(sku, line["sku"]!.GetValue<string>());
        Assert.Equal(shopOnly, line["channelSku"]!.GetValue<string>());
        Assert.Single(order["allocations"]!.AsArray());
    }

    [Fact]
    public async Task TheOrderPageShowsTheUnmatchedLineInDutch()
    {
        var ct = TestContext.Current.CancellationToken;
        var shopify = Hub.Services.GetRequiredService<DemoSimulators>().Get<ShopifySimulator>();
        var shopOnly = "SHOP-ONLY-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        shopify.Seed([new SimulatedItem(shopOnly, "8712345999987", "Sjaal", 19.95m, 3)]);
        var placed = await shopify.PlaceOrderAsync(new ShopifySimOrderRequest([new ShopifySimOrderLine(shopOnly, 1)]), ct);
        Assert.Equal(200, placed.WebhookStatus);
        Guid id;
        using (var api = Hub.Http(DashboardHost.ApiKey))
        {
            var waiting = await api.GetFromJsonAsync<JsonObject>("api/orders?channel=webshop&needsAttention=true&pageSize=500", ct);
            var externalId = placed.OrderId.ToString(CultureInfo.InvariantCulture);
            id = Guid.Parse(waiting!["items"]!.AsArray().Single(o => o!["externalId"]!.GetValue<string>() == externalId)!["id"]!.GetValue<string>());
        }

        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=nl&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("needs-attention-badge")).ToHaveTextAsync("Aandacht nodig");
        await Expect(page.GetByTestId("unmatched-lines")).ToContainTextAsync("Koppelen aan SKU");
        await Expect(page.GetByTestId("match-1")).ToHaveTextAsync("Koppelen");
        // Leave the admin on English for the tests that follow.
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard");
        await page.Context.CloseAsync();
    }
}
