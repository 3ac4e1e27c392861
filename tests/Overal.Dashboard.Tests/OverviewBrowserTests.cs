using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OverviewBrowserTests(DashboardFixture fixture)
{
    // Refusals and pick-up moves raise no stock event: the Overview picks them up on its periodic refresh (5 s).
    private static readonly LocatorAssertionsToHaveTextOptions Refresh = new() { Timeout = 20_000 };

    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task OverviewDrawsItsChartsAndCountsARefusedHoldAndAWaitingPickupWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        var sku = await TestOrders.SkuAtAsync(Hub, "store-amsterdam", ct);
        using var api = Hub.Http(DashboardHost.ApiKey);
        await TestOrders.CreateAsync(Hub, sku, new { kind = "home", street = "Coolsingel 40", postalCode = "3011 AD", city = "Rotterdam", countryCode = "NL" }, ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword, viewport: "tablet");
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard");
        await Pages.WaitLiveAsync(page);

        // Today's webshop order is a bar with a height in the orders chart (days without orders draw zero-height ones);
        // its table says the same in text.
        // (A bar is a stroked vertical path, which Playwright's visibility check sees as zero-width, so measure it in SVG.)
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-testid=chart-orders] svg path.mud-chart-bar')].some(p => p.getBBox().height > 1)");
        await Expect(page.GetByTestId("chart-latency").Locator("svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("orders-webshop")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("oversell-help")).ToContainTextAsync("refused (409)");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        var prevented = int.Parse(await page.GetByTestId("kpi-prevented").InnerTextAsync());
        using var refused = await api.PostAsJsonAsync("api/reservations", new { sku, quantity = 9_999, channelId = "webshop", kind = "cart" }, ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await Expect(page.GetByTestId("kpi-prevented")).ToHaveTextAsync((prevented + 1).ToString(), Refresh);
        await Expect(page.GetByTestId("prevented-webshop")).Not.ToHaveTextAsync("0");
        // With a refusal on record the oversells chart draws (with none it says so instead of drawing bare axes).
        await Expect(page.GetByTestId("chart-oversells").Locator("svg")).ToBeVisibleAsync();

        var waiting = int.Parse(await page.GetByTestId("kpi-pickup-waiting").InnerTextAsync());
        var order = await TestOrders.CreateAsync(Hub, sku, new { kind = "click_and_collect", storeLocationId = "store-amsterdam" }, ct);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"api/orders/{order}/ready-for-pickup", null, ct)).StatusCode);
        await Expect(page.GetByTestId("kpi-pickup-waiting")).ToHaveTextAsync((waiting + 1).ToString(), Refresh);
        await Expect(page.GetByTestId("pickup-store-amsterdam")).ToBeVisibleAsync();
        Assert.Equal(0, navigations);
        await page.Context.CloseAsync();
    }
}
