using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Overal.Hub.Channels;
using Overal.Simulators.Lightspeed;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

/// <summary>
/// Till sales do not flood the work queue: the queue opens on the open orders, a store sale shows only when store sales
/// are asked for (by its receipt number), and several statuses can be chosen at once.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class StoreSaleQueueBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task TheQueueOpensOnOpenOrdersWithoutTillSalesWhichAStoreSaleFilterShowsByReceiptNumber()
    {
        var ct = TestContext.Current.CancellationToken;
        var sku = await TestOrders.SkuAtAsync(Hub, "store-amsterdam", ct);
        var rung = await Hub.Services.GetRequiredService<DemoSimulators>().Get<LightspeedSimulator>()
            .RingUpSaleAsync(new LightspeedSimSaleRequest("Amsterdam", [new LightspeedSimSaleLine(sku, 1)]), ct);
        Assert.Equal(200, rung.WebhookStatus);
        var (saleId, receipt) = await StoreSaleAsync(rung.SaleId, ct);
        var open = await TestOrders.CreateWebshopOrderAsync(Hub, ct);
        var shipped = await TestOrders.CreateWebshopOrderAsync(Hub, ct);
        foreach (var step in new[] { "pick", "pack", "ship" }) await TestOrders.StepAsync(Hub, shipped, step, ct);

        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders");
        await Pages.WaitLiveAsync(page);

        // Open orders by default: the new order, neither the shipped one nor the till sale.
        await Expect(page.GetByTestId($"order-{open}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("filter-status")).ToHaveValueAsync("Open orders");
        await Expect(page.GetByTestId($"order-{shipped}")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId($"order-{saleId}")).ToHaveCountAsync(0);

        // A second status joins the first.
        await page.GetByTestId("filter-status").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Shipped", Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByTestId($"order-{shipped}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"order-{open}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"order-{saleId}")).ToHaveCountAsync(0);

        // Store sales are there when asked for, under the till's receipt number, not a GUID.
        await page.GetByTestId("filter-delivery").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Store sale", Exact = true }).ClickAsync();
        var link = page.GetByTestId($"order-{saleId}");
        await Expect(link).ToHaveTextAsync(receipt);
        await Expect(page.GetByTestId($"order-{open}")).ToHaveCountAsync(0);
        await link.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(receipt);
        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "completed");
        await page.Context.CloseAsync();
    }

    private async Task<(Guid Id, string Receipt)> StoreSaleAsync(string saleId, CancellationToken ct)
    {
        using var api = Hub.Http(DashboardHost.ApiKey);
        var page = await api.GetFromJsonAsync<JsonObject>("api/orders?channel=stores&pageSize=500", ct);
        var order = page!["items"]!.AsArray().Single(o => o!["externalId"]!.GetValue<string>() == saleId)!;
        var detail = await api.GetFromJsonAsync<JsonObject>($"api/orders/{order["id"]}", ct);
        return (Guid.Parse(order["id"]!.GetValue<string>()), detail!["receiptNumber"]?.GetValue<string>() ?? "(no receipt number)");
    }
}
