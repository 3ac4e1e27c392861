using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Overal.Core.Persistence;
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
        var sku = await SkuAtAsync("store-amsterdam", ct);
        using var api = Hub.Http(DashboardHost.ApiKey);
        await CreateOrderAsync(api, sku, new { kind = "home", street = "Coolsingel 40", postalCode = "3011 AD", city = "Rotterdam", countryCode = "NL" }, ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword, viewport: "tablet");
        await page.WaitForURLAsync("**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard");
        await Pages.WaitLiveAsync(page);

        // Today's webshop order is a bar with a height in the orders chart (days without orders draw zero-height ones);
        // its table says the same in text.
        // (A bar is a stroked vertical path, which Playwright's visibility check sees as zero-width, so measure it in SVG.)
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-testid=chart-orders] svg path.mud-chart-bar')].some(p => p.getBBox().height > 1)");
        await Expect(page.GetByTestId("chart-latency").Locator("svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-oversells").Locator("svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("orders-webshop")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("oversell-help")).ToContainTextAsync("refused (409)");
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        var prevented = int.Parse(await page.GetByTestId("kpi-prevented").InnerTextAsync());
        using var refused = await api.PostAsJsonAsync("api/reservations", new { sku, quantity = 9_999, channelId = "webshop", kind = "cart" }, ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await Expect(page.GetByTestId("kpi-prevented")).ToHaveTextAsync((prevented + 1).ToString(), Refresh);
        await Expect(page.GetByTestId("prevented-webshop")).Not.ToHaveTextAsync("0");

        var waiting = int.Parse(await page.GetByTestId("kpi-pickup-waiting").InnerTextAsync());
        var order = await CreateOrderAsync(api, sku, new { kind = "click_and_collect", storeLocationId = "store-amsterdam" }, ct);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"api/orders/{order}/ready-for-pickup", null, ct)).StatusCode);
        await Expect(page.GetByTestId("kpi-pickup-waiting")).ToHaveTextAsync((waiting + 1).ToString(), Refresh);
        await Expect(page.GetByTestId("pickup-store-amsterdam")).ToBeVisibleAsync();
        Assert.Equal(0, navigations);
        await page.Context.CloseAsync();
    }

    private async Task<string> SkuAtAsync(string locationId, CancellationToken ct)
    {
        using var scope = Hub.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().StockLevels.AsNoTracking()
            .Where(l => l.LocationId == locationId && l.OnHand - l.Reserved - l.SafetyStock >= 2).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync(ct);
    }

    private static async Task<Guid> CreateOrderAsync(HttpClient api, string sku, object delivery, CancellationToken ct)
    {
        var response = await api.PostAsJsonAsync("api/orders", new
        {
            channelId = "webshop",
            externalId = "OVW-" + Guid.CreateVersion7().ToString("N")[..12],
            customer = new { name = "Sanne de Vries", email = "sanne@example.nl" },
            delivery,
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 59.95m } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>());
    }
}
