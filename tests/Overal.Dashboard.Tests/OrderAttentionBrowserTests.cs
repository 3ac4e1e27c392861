using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Abstractions;
using Overal.Core.Orders;
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

    [Fact]
    public async Task StaffChooseTheStoreOfAPickupAtAnUnknownLocationAndAcceptLinesAsSentAndTheOrderAllocates()
    {
        var ct = TestContext.Current.CancellationToken;
        var sku = await TestOrders.SkuAtAsync(Hub, "warehouse", ct);
        var externalId = "PICKUP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        // As a Shopify pickup at a location not mapped to a hub store, with a line that came without a price.
        var incoming = new ChannelOrder("webshop", externalId, DateTimeOffset.UtcNow, "EUR", new ChannelCustomer(null, null, null, null),
            new ChannelDelivery("click_and_collect", null, null, null, null, "gid://shopify/Location/555", null), "paid",
            [new ChannelOrderLine("1", sku, null, 1, 0m, 0m, "Shirt", Problem: "Shopify sent no price for this line.")]);
        Guid id;
        using (var scope = Hub.Services.CreateScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<OrderIntake>().IngestAsync(incoming, ct)).OrderId;
        }

        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("order-attention")).ToContainTextAsync("choose the store");
        await Expect(page.GetByTestId("unreadable-lines")).ToContainTextAsync("no price");

        await page.GetByTestId("accept-lines").ClickAsync();
        await Expect(page.GetByTestId("unreadable-lines")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "new");

        await page.GetByTestId("choose-store").Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.GetByTestId("choose-store-submit").ClickAsync();

        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "allocated");
        await Expect(page.GetByTestId("needs-attention-badge")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        using var check = Hub.Http(DashboardHost.ApiKey);
        var order = await check.GetFromJsonAsync<JsonObject>($"api/orders/{id}", ct);
        Assert.False(order!["needsAttention"]!.GetValue<bool>());
        Assert.NotNull(order["delivery"]!["storeLocationId"]);
        Assert.Contains(order["timeline"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "store_chosen");
    }
}
