using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

/// <summary>The queue narrows by order number or customer, location and delivery kind, together.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OrderQueueFilterBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task SearchLocationAndDeliveryFiltersNarrowTheQueueTogether()
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = "Q" + Guid.CreateVersion7().ToString("N")[^8..].ToUpperInvariant();
        var sku = await TestOrders.SkuAtAsync(Hub, "store-amsterdam", ct);
        var home = await TestOrders.CreateAsync(Hub, sku, new { kind = "home", street = "Coolsingel 40", postalCode = "3011 AD", city = "Rotterdam", countryCode = "NL" }, ct, $"{tag}-HOME");
        var collect = await TestOrders.CreateAsync(Hub, sku, new { kind = "click_and_collect", storeLocationId = "store-amsterdam" }, ct, $"{tag}-CC");
        var other = await TestOrders.CreateAsync(Hub, sku, new { kind = "click_and_collect", storeLocationId = "store-amsterdam" }, ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders");
        await Pages.WaitLiveAsync(page);
        var rows = page.GetByTestId("orders").Locator("tbody tr");

        await Expect(page.GetByTestId($"order-{other}")).ToBeVisibleAsync();

        // Lower case finds the order numbers too.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Order number, customer" }).FillAsync(tag.ToLowerInvariant());
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByTestId($"order-{home}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"order-{collect}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"order-{other}")).ToHaveCountAsync(0);

        await ChooseAsync(page, "filter-location", "Store Amsterdam");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByTestId($"order-{collect}")).ToBeVisibleAsync();

        await ChooseAsync(page, "filter-delivery", "Home delivery");
        await Expect(page.GetByTestId("orders")).ToContainTextAsync("No orders.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANewHubHasDemoOrdersFromTheWebshopAndEveryMarketplaceInItsQueue()
    {
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard");
        await Pages.WaitLiveAsync(page);

        // Placed on the simulators as shoppers would; Shopify's arrives by webhook, the others by polling (the Overview
        // lists a channel once it has orders). The Overview's orders table links each channel to its queue.
        // Shown by name, linked by id.
        var names = new Dictionary<string, string> { ["webshop"] = "Own webshop", ["bol"] = "bol", ["amazon"] = "Amazon.nl / .com.be", ["zalando"] = "Zalando" };
        foreach (var channel in new[] { "webshop", "bol", "amazon", "zalando" })
        {
            var link = page.GetByTestId("orders-table").GetByRole(AriaRole.Link, new() { Name = names[channel], Exact = true });
            await Expect(link).ToHaveAttributeAsync("href", $"/dashboard/orders?channel={channel}");
        }
        foreach (var channel in new[] { "webshop", "bol", "amazon", "zalando" })
        {
            await page.GotoAsync($"/dashboard/orders?channel={channel}");
            await Pages.WaitLiveAsync(page);
            var rows = page.GetByTestId("orders").Locator("tbody tr");
            await Expect(rows.First).ToContainTextAsync(names[channel]);
            Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Contains(names[channel], row));
        }
        await page.Context.CloseAsync();
    }

    private static async Task ChooseAsync(IPage page, string filter, string option)
    {
        await page.GetByTestId(filter).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }
}
