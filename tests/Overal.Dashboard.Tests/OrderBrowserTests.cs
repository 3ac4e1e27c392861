using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Overal.Core.Access;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Auth;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OrderBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task AdminWorksAWebshopOrderFromTheQueueToShippedWithTracking()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateWebshopOrderAsync(ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        // The admin's language is remembered per user; another test may have left it on Dutch.
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders");
        await Pages.WaitLiveAsync(page);

        await page.GetByTestId("filter-channel").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Own webshop", Exact = true }).ClickAsync();
        await page.GetByTestId($"order-{id}").ClickAsync();
        await Pages.ReachedAsync(page, $"**/dashboard/orders/{id}");
        await Pages.WaitLiveAsync(page);
        var status = page.GetByTestId("order-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "allocated");
        await Expect(page.GetByTestId("line-allocation-1")).ToContainTextAsync("warehouse");
        await Expect(page.GetByTestId("decisions").Locator("tbody tr")).Not.ToHaveCountAsync(0);

        await page.GetByTestId("action-pick").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "picking");
        await page.GetByTestId("action-pack").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "packed");
        await page.GetByTestId("action-ship").ClickAsync();
        await page.FillAsync("#ship-carrier", "PostNL");
        await page.FillAsync("#ship-tracking", "3SPOST123456789");
        await page.FillAsync("#ship-url", "https://postnl.nl/tracktrace/3SPOST123456789");
        await page.GetByTestId("ship-confirm").ClickAsync();

        await Expect(status).ToHaveAttributeAsync("data-status", "shipped");
        await Expect(status).ToHaveTextAsync("Shipped");
        await Expect(page.GetByTestId("tracking")).ToHaveTextAsync("3SPOST123456789");
        await Expect(page.GetByTestId("tracking").Locator("a")).ToHaveAttributeAsync("href", "https://postnl.nl/tracktrace/3SPOST123456789");
        await Expect(page.GetByTestId("order-actions")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        using var api = Hub.Http(DashboardHost.ApiKey);
        var order = await api.GetFromJsonAsync<JsonObject>($"api/orders/{id}", ct);
        Assert.Equal("shipped", order!["status"]!.GetValue<string>());
        var shipment = Assert.Single(order["shipments"]!.AsArray())!;
        Assert.Equal("PostNL", shipment["carrier"]!.GetValue<string>());
        Assert.Equal("3SPOST123456789", shipment["trackingNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnIllegalMoveShowsTheLifecycleExplanation()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateWebshopOrderAsync(ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "allocated");

        // Someone else picks the order and this page has not heard yet (an order change reaches open pages within
        // milliseconds, so the window is opened by a change that announces nothing): the page still offers Pick.
        using (var scope = Hub.Services.CreateScope())
        {
            var picked = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Order>().Where(o => o.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrderStatus.Picking), ct);
            Assert.Equal(1, picked);
        }
        await page.GetByTestId("action-pick").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("cannot be picking");
        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "picking");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReadOnlyUsersSeeOrdersButNoActionsAndStoreStaffOnlyTheirStore()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateWebshopOrderAsync(ct);
        const string viewer = "viewer.orders@overal.test";
        const string staff = "staff.orders@overal.test";
        const string password = "Orders-Passw0rd!";
        using (var scope = Hub.Services.CreateScope())
        {
            await AdminBootstrap.CreateUserAsync(scope.ServiceProvider, viewer, password, HubRoles.ReadOnly, null);
            await AdminBootstrap.CreateUserAsync(scope.ServiceProvider, staff, password, HubRoles.StoreStaff, "store-rotterdam");
        }

        var page = await Pages.LoginAsync(fixture, viewer, password);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "allocated");
        await Expect(page.GetByTestId("order-actions")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        // The order is allocated to the warehouse, so Rotterdam's staff neither see it in the queue nor open it.
        page = await Pages.LoginAsync(fixture, staff, password, viewport: "tablet");
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("store-scope")).ToContainTextAsync("store-rotterdam");
        await Expect(page.GetByTestId("orders")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"order-{id}")).ToHaveCountAsync(0);
        await page.GotoAsync($"/dashboard/orders/{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("order-missing")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        var data = Hub.Services.GetRequiredService<Overal.Hub.Dashboard.Data.OrderData>();
        var rotterdam = new Overal.Hub.Dashboard.Data.DashboardScope(staff, "store-rotterdam", CanAdjust: true, CanOperate: false);
        var refused = await Assert.ThrowsAsync<Overal.Core.Errors.HubException>(() => data.PickAsync(rotterdam, id, ct));
        Assert.Equal(400, refused.Status);
        // Returns are checked the same way, and staff receive returns only at their own store.
        refused = await Assert.ThrowsAsync<Overal.Core.Errors.HubException>(() => data.RequestReturnAsync(rotterdam, id, "too small", [], ct));
        Assert.Equal(400, refused.Status);
        refused = await Assert.ThrowsAsync<Overal.Core.Errors.HubException>(() => data.ReceiveReturnAsync(rotterdam, id, Guid.NewGuid(), "warehouse", ReturnDisposition.Restock, ct));
        Assert.Equal(400, refused.Status);
        var readOnly = new Overal.Hub.Dashboard.Data.DashboardScope(viewer, null, CanAdjust: false, CanOperate: false);
        refused = await Assert.ThrowsAsync<Overal.Core.Errors.HubException>(() => data.RequestReturnAsync(readOnly, id, "too small", [], ct));
        Assert.Equal(400, refused.Status);
        Assert.Equal(["store-rotterdam"], await data.ReturnLocationsAsync(rotterdam, ct));
        // Refunds are money: neither store staff nor read-only users settle them, whatever the return.
        foreach (var who in new[] { rotterdam, readOnly })
        {
            refused = await Assert.ThrowsAsync<Overal.Core.Errors.HubException>(() => data.SettleRefundAsync(who, id, Guid.NewGuid(), RefundStatus.Refunded, ct));
            Assert.Equal((400, "Only operations and admins settle refunds."), (refused.Status, refused.Message));
        }
    }

    private Task<Guid> CreateWebshopOrderAsync(CancellationToken ct) => TestOrders.CreateWebshopOrderAsync(Hub, ct);
}
