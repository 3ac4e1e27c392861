using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

/// <summary>The Orders pages follow order changes made elsewhere (API, channels) without a reload, and work returns.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OrderLiveBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task AnOrderPickedThroughTheApiUpdatesItsOpenPageAndANewOrderAppearsInTheOpenQueue()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await TestOrders.CreateWebshopOrderAsync(Hub, ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        var status = page.GetByTestId("order-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "allocated");
        await MarkAsync(page);

        await TestOrders.StepAsync(Hub, id, "pick", ct);

        await Expect(status).ToHaveAttributeAsync("data-status", "picking");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("status_changed");
        Assert.True(await NotReloadedAsync(page));

        await page.GotoAsync("/dashboard/orders");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId($"order-{id}")).ToBeVisibleAsync();
        await MarkAsync(page);
        var added = await TestOrders.CreateWebshopOrderAsync(Hub, ct);
        await Expect(page.GetByTestId($"order-{added}")).ToBeVisibleAsync();
        Assert.True(await NotReloadedAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AShippedUnitIsReturnedFromTheOrderPageAndRestockedAtTheWarehouse()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, sku) = await TestOrders.CreateWebshopOrderWithSkuAsync(Hub, ct);
        foreach (var step in new[] { "pick", "pack", "ship" }) await TestOrders.StepAsync(Hub, id, step, ct);
        var onHandBefore = await TestOrders.OnHandAsync(Hub, sku, "warehouse", ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "shipped");
        await Expect(page.GetByTestId("returns")).ToHaveCountAsync(0);

        await page.GetByTestId("action-return").ClickAsync();
        var form = page.GetByTestId("return-form");
        await Expect(form).ToBeVisibleAsync();
        // One unit was shipped: asking two back is refused by the form.
        await page.FillAsync("#return-qty-1", "2");
        await page.FillAsync("#return-reason", "Too small");
        await Expect(page.GetByTestId("return-too-many")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("return-confirm")).ToBeDisabledAsync();
        await page.FillAsync("#return-qty-1", "1");
        await Expect(page.GetByTestId("return-too-many")).ToHaveCountAsync(0);
        await page.GetByTestId("return-confirm").ClickAsync();

        var returnStatus = page.GetByTestId("return-status-1");
        await Expect(returnStatus).ToHaveAttributeAsync("data-status", "requested");
        await Expect(page.GetByTestId("return-1")).ToContainTextAsync("Too small");
        // Everything delivered is claimed now: no further return is offered.
        await Expect(page.GetByTestId("action-return")).ToHaveCountAsync(0);

        await page.GetByTestId("return-receive-1").ClickAsync();
        await page.GetByTestId("receive-location").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "warehouse", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Restock" }).CheckAsync();
        await page.GetByTestId("receive-confirm").ClickAsync();

        await Expect(returnStatus).ToHaveAttributeAsync("data-status", "received");
        await Expect(page.GetByTestId("return-1")).ToContainTextAsync("warehouse");
        await Expect(page.GetByTestId("return-receive-1")).ToHaveCountAsync(0);

        // Operations settle the refund once the parcel is in: recorded, and not offered again.
        await Expect(page.GetByTestId("refund-status-1")).ToHaveAttributeAsync("data-status", "pending");
        await page.GetByTestId("refund-paid-1").ClickAsync();
        await Expect(page.GetByTestId("refund-status-1")).ToHaveAttributeAsync("data-status", "refunded");
        await Expect(page.GetByTestId("refund-reject-1")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
        Assert.Equal(onHandBefore + 1, await TestOrders.OnHandAsync(Hub, sku, "warehouse", ct));
    }

    /// <summary>A marker that a reload would wipe.</summary>
    private static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.overalNotReloaded = true; }");

    private static Task<bool> NotReloadedAsync(IPage page) => page.EvaluateAsync<bool>("() => window.overalNotReloaded === true");
}
