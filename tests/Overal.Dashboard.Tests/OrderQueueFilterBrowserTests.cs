using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Overal.Core.Persistence;
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
        var home = await CreateAsync($"{tag}-HOME", new { kind = "home", street = "Coolsingel 40", postalCode = "3011 AD", city = "Rotterdam", countryCode = "NL" }, ct);
        var collect = await CreateAsync($"{tag}-CC", new { kind = "click_and_collect", storeLocationId = "store-amsterdam" }, ct);
        var other = await CreateAsync("OTHER-" + Guid.CreateVersion7().ToString("N")[^8..], new { kind = "click_and_collect", storeLocationId = "store-amsterdam" }, ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await page.WaitForURLAsync("**/dashboard");
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

        await ChooseAsync(page, "filter-location", "store-amsterdam");
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
        await page.WaitForURLAsync("**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders");
        await Pages.WaitLiveAsync(page);

        // Placed on the simulators as shoppers would; Shopify's arrives by webhook, the others by polling.
        foreach (var channel in new[] { "webshop", "bol", "amazon", "zalando" })
        {
            await ChooseAsync(page, "filter-channel", channel);
            await Expect(page.GetByTestId("orders").Locator("tbody tr").First).ToContainTextAsync(channel);
        }
        await page.Context.CloseAsync();
    }

    private static async Task ChooseAsync(IPage page, string filter, string option)
    {
        await page.GetByTestId(filter).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    private async Task<Guid> CreateAsync(string externalId, object delivery, CancellationToken ct)
    {
        string sku;
        using (var scope = Hub.Services.CreateScope())
        {
            sku = await scope.ServiceProvider.GetRequiredService<HubDbContext>().StockLevels.AsNoTracking()
                .Where(l => l.LocationId == "store-amsterdam" && l.OnHand - l.Reserved >= 2).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync(ct);
        }
        using var api = Hub.Http(DashboardHost.ApiKey);
        var response = await api.PostAsJsonAsync("api/orders", new
        {
            channelId = "webshop",
            externalId,
            customer = new { name = "Joost Kuiper", email = "joost@example.nl" },
            delivery,
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 39.95m } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ct);
        return Guid.Parse(created!["id"]!.GetValue<string>());
    }
}
