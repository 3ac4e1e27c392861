using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Overal.Core.Access;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Hub.Auth;
using Overal.Hub.Channels;
using Overal.Simulators.Lightspeed;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task BootstrapAdminLogsInAndSeesEveryChannel()
    {
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(DashboardHost.AdminEmail);
        await page.GotoAsync("/dashboard/channels");
        await Pages.WaitLiveAsync(page);
        foreach (var channel in new[] { "stores", "webshop", "bol", "amazon", "zalando", "instagram", "facebook", "b2b" })
        {
            await Expect(page.GetByTestId($"channel-{channel}")).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Pages.ReachedAsync(page, "**/account/login");
        await page.GotoAsync("/dashboard/channels");
        await Pages.ReachedAsync(page, "**/account/login?*");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PosSaleInTheStoreAppearsOnTheStockPageWithoutReload()
    {
        var (sku, style, onHand) = await StockedAsync("store-amsterdam");
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/dashboard/stock?style={style}&sku={sku}");
        await Pages.WaitLiveAsync(page);
        var cell = page.GetByTestId($"cell-{sku}-store-amsterdam");
        await Expect(cell).ToHaveTextAsync(onHand.ToString());
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        var rung = await Hub.Services.GetRequiredService<DemoSimulators>().Get<LightspeedSimulator>()
            .RingUpSaleAsync(new LightspeedSimSaleRequest("Amsterdam", [new LightspeedSimSaleLine(sku, 1)]), TestContext.Current.CancellationToken);

        Assert.Equal(200, rung.WebhookStatus);
        await Expect(cell).ToHaveTextAsync((onHand - 1).ToString());
        await Expect(page.GetByTestId("ledger")).ToContainTextAsync("Sale");
        Assert.Equal(0, navigations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StoreStaffSeeAndActOnlyForTheirOwnStore()
    {
        const string email = "staff.rotterdam@overal.test";
        const string password = "Staff-Passw0rd!";
        using (var scope = Hub.Services.CreateScope())
        {
            await AdminBootstrap.CreateUserAsync(scope.ServiceProvider, email, password, HubRoles.StoreStaff, "store-rotterdam");
        }
        var (sku, style, _) = await StockedAsync("store-amsterdam");
        var page = await Pages.LoginAsync(fixture, email, password, viewport: "tablet");
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/dashboard/stock?style={style}&sku={sku}");
        await Pages.WaitLiveAsync(page);

        await Expect(page.GetByTestId("store-scope")).ToContainTextAsync("store-rotterdam");
        await Expect(page.GetByTestId($"cell-{sku}-store-rotterdam")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"cell-{sku}-store-amsterdam")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("stock-matrix").Locator("thead th")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("ledger")).Not.ToContainTextAsync("store-amsterdam");
        await page.Context.CloseAsync();

        // The rule holds on the server too, not only in what the page renders.
        var data = Hub.Services.GetRequiredService<Overal.Hub.Dashboard.Data.DashboardData>();
        var staff = new Overal.Hub.Dashboard.Data.DashboardScope(email, "store-rotterdam", CanAdjust: true, CanOperate: false);
        var refused = await Assert.ThrowsAsync<Overal.Core.Errors.HubException>(() =>
            data.AdjustAsync(staff, sku, "store-amsterdam", -1, "not mine", TestContext.Current.CancellationToken));
        Assert.Equal(400, refused.Status);
    }

    [Fact]
    public async Task SearchByEanWithTheKeyboardOpensTheStyleMatrixAndExplainsAChannel()
    {
        var (sku, style, _) = await StockedAsync("warehouse");
        string ean;
        using (var scope = Hub.Services.CreateScope())
        {
            ean = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Variants.Where(v => v.Sku == sku).Select(v => v.Ean).FirstAsync(TestContext.Current.CancellationToken);
        }
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword, viewport: "tablet");
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/dashboard/stock");
        await Pages.WaitLiveAsync(page);

        await page.FocusAsync("#stock-search");
        await page.Keyboard.TypeAsync(ean);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("stock-matrix")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"cell-{sku}-warehouse")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"style={style}&sku={sku}"));
        await page.GetByTestId("channel-sellable").GetByRole(AriaRole.Row, new() { Name = "Own webshop" }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("explain")).ToContainTextAsync("webshop");
        await Expect(page.GetByTestId("explain")).ToContainTextAsync("warehouse");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminAdjustsStockWithAReasonAndTheLedgerShowsIt()
    {
        var (sku, style, onHand) = await StockedAsync("warehouse");
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/dashboard/stock?style={style}&sku={sku}");
        await Pages.WaitLiveAsync(page);

        await page.FillAsync("#adjust-delta", "-2");
        await page.FillAsync("#adjust-reason", "Damaged in transit");
        await page.GetByTestId("adjust-save").ClickAsync();

        await Expect(page.GetByTestId($"cell-{sku}-warehouse")).ToHaveTextAsync((onHand - 2).ToString());
        await Expect(page.GetByTestId("ledger").Locator("tbody tr").First).ToContainTextAsync("Damaged in transit");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LanguageSwitchesToDutchAndIsRemembered()
    {
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "NL", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overzicht");
        await page.GotoAsync("/dashboard/stock");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Voorraad");
        await page.Context.CloseAsync();

        // Remembered on the user: a new browser (no culture cookie) gets Dutch after logging in.
        var again = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(again, "**/dashboard");
        await Expect(again.Locator("h1")).ToHaveTextAsync("Overzicht");
        await again.GetByRole(AriaRole.Link, new() { Name = "EN", Exact = true }).ClickAsync();
        await Expect(again.Locator("h1")).ToHaveTextAsync("Overview");
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        const string email = "lockme@overal.test";
        using (var scope = Hub.Services.CreateScope())
        {
            await AdminBootstrap.CreateUserAsync(scope.ServiceProvider, email, "Right-Passw0rd!", HubRoles.ReadOnly, null);
        }
        var context = await fixture.Browser.Instance.NewContextAsync(new() { BaseURL = Hub.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", "wrong-password-" + attempt);
            await page.ClickAsync("button[type=submit]");
            // The fifth failure is the one that locks the account.
            await Pages.ReachedAsync(page, "**error=*");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(attempt < 4 ? "Login failed" : "locked");
        }
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Right-Passw0rd!");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");
        await context.CloseAsync();
    }

    [Fact]
    public async Task OperatorAcknowledgesAndMutesAnAlertAndBothAreStored()
    {
        // A store sale makes the webshop sync, and every sync breaks the test host's 1 ms latency objective.
        var (sku, _, _) = await StockedAsync("store-amsterdam");
        await Hub.Services.GetRequiredService<DemoSimulators>().Get<LightspeedSimulator>()
            .RingUpSaleAsync(new LightspeedSimSaleRequest("Amsterdam", [new LightspeedSimSaleLine(sku, 1)]), TestContext.Current.CancellationToken);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Falerts");
        await Pages.WaitLiveAsync(page);

        var row = page.GetByTestId("alert-latency:webshop");
        var state = page.GetByTestId("alert-state-latency:webshop");
        await Expect(row).ToContainTextAsync("objective");
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(state).ToContainTextAsync("Acknowledged by " + DashboardHost.AdminEmail);

        await row.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "for 8 hours" }).ClickAsync();
        await Expect(state).ToContainTextAsync("Muted until");

        // Both are stored, not only shown: the API (another process could ask) and a reload agree.
        using (var http = Hub.Http(DashboardHost.ApiKey))
        {
            var alerts = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("api/alerts", TestContext.Current.CancellationToken);
            var stored = alerts!.Single(a => (string?)a!["key"] == "latency:webshop")!;
            Assert.Equal(DashboardHost.AdminEmail, (string?)stored["acknowledgedBy"]);
            var mutedFor = DateTimeOffset.Parse((string)stored["mutedUntil"]!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow;
            Assert.InRange(mutedFor, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8));
        }
        await page.ReloadAsync();
        // A reloaded page is first served pre-rendered: its buttons act only once the circuit is live.
        await Pages.WaitLiveAsync(page);
        await Expect(state).ToContainTextAsync("Acknowledged by " + DashboardHost.AdminEmail);
        await Expect(state).ToContainTextAsync("Muted until");

        await row.GetByRole(AriaRole.Button, new() { Name = "Unmute" }).ClickAsync();
        await Expect(state).Not.ToContainTextAsync("Muted until");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ApiRefusesAnonymousCallsButHealthMetricsAndReferenceArePublic()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = Hub.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/sync/channels", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("api/channels/bol/reconcile", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health/live", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("metrics", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("openapi/v1.json", ct)).StatusCode);

        using var wrong = Hub.Http("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/sync/channels", ct)).StatusCode);
        using var keyed = Hub.Http(DashboardHost.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("api/sync/channels", ct)).StatusCode);
        using var viewer = Hub.Http(DashboardHost.ReadOnlyKey);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("api/sync/channels", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("api/channels/bol/dead-letters/replay", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"api/alerts/{Guid.CreateVersion7()}/acknowledge", null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("api/alerts", ct)).StatusCode);
    }

    /// <summary>A SKU with stock on hand at the location, its style and the current on-hand.</summary>
    private async Task<(string Sku, string Style, int OnHand)> StockedAsync(string locationId)
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var level = await db.StockLevels.AsNoTracking().Where(l => l.LocationId == locationId && l.OnHand >= 3)
            .OrderByDescending(l => l.Sku).FirstAsync(TestContext.Current.CancellationToken);
        var style = await db.Variants.Where(v => v.Sku == level.Sku).Join(db.Products, v => v.ProductId, p => p.Id, (_, p) => p.StyleCode)
            .FirstAsync(TestContext.Current.CancellationToken);
        return (level.Sku, style, level.OnHand);
    }
}
