using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;
using Overal.Hub.Channels;
using Overal.Simulators.Lightspeed;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

/// <summary>
/// Captures the main pages. With OVERAL_SCREENSHOTS=1 into docs/screenshots (the README shows them), otherwise into a
/// temporary folder so an ordinary test run does not rewrite tracked files.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ScreenshotTests(DashboardFixture fixture)
{
    [Fact]
    public async Task MainPagesRenderAndAreCapturedForTheDocs()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Environment.GetEnvironmentVariable("OVERAL_SCREENSHOTS") == "1"
            ? Path.Combine(RepoRoot(), "docs", "screenshots")
            : Path.Combine(Path.GetTempPath(), "overal-screenshots");
        Directory.CreateDirectory(folder);
        // A few store sales so the pages show propagation to the webshop rather than an idle hub.
        var lightspeed = fixture.Hub.Services.GetRequiredService<DemoSimulators>().Get<LightspeedSimulator>();
        List<string> skus;
        using (var scope = fixture.Hub.Services.CreateScope())
        {
            skus = await scope.ServiceProvider.GetRequiredService<HubDbContext>().StockLevels
                .Where(l => l.LocationId == "store-amsterdam" && l.OnHand > 2).Select(l => l.Sku).OrderBy(s => s).Take(3).ToListAsync(ct);
        }
        foreach (var sku in skus) await lightspeed.RingUpSaleAsync(new LightspeedSimSaleRequest("Amsterdam", [new LightspeedSimSaleLine(sku, 1)]), ct);
        // And webshop orders in different states, so the Orders page shows a queue being worked.
        using var api = fixture.Hub.Http(DashboardHost.ApiKey);
        for (var i = 0; i < 3; i++)
        {
            var created = await api.PostAsJsonAsync("api/orders", new
            {
                channelId = "webshop",
                externalId = $"#10{i + 41}",
                delivery = new { kind = "home", city = "Utrecht", countryCode = "NL" },
                lines = new[] { new { sku = skus.Count > 0 ? skus[i % skus.Count] : "OV1000-BLK-M", quantity = 1, unitPriceInclVat = 49.95m } },
            }, ct);
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
            if (i > 0) await api.PostAsync($"api/orders/{id}/pick", null, ct);
        }
        // A click & collect order waiting at its store, and a checkout hold refused for lack of stock (an oversell prevented).
        if (skus.Count > 0)
        {
            var collect = await api.PostAsJsonAsync("api/orders", new
            {
                channelId = "webshop",
                externalId = "#1050",
                delivery = new { kind = "click_and_collect", storeLocationId = "store-amsterdam" },
                lines = new[] { new { sku = skus[0], quantity = 1, unitPriceInclVat = 49.95m } },
            }, ct);
            var id = (await collect.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
            await api.PostAsync($"api/orders/{id}/ready-for-pickup", null, ct);
            await api.PostAsJsonAsync("api/reservations", new { sku = skus[0], quantity = 9_999, channelId = "webshop", kind = "cart" }, ct);
        }

        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("latency-table")).ToContainTextAsync("Own webshop");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "overview.png"), FullPage = true });

        var style = skus.Count > 0 ? skus[0][..skus[0].IndexOf('-', StringComparison.Ordinal)] : "OV1000";
        await page.GotoAsync($"/dashboard/stock?style={style}&sku={(skus.Count > 0 ? skus[0] : "")}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("stock-matrix")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "stock.png"), FullPage = true });

        await page.GotoAsync("/dashboard/orders");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("orders").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "orders.png"), FullPage = true });

        await page.GetByTestId("orders").Locator("tbody tr a").First.ClickAsync();
        await Pages.ReachedAsync(page, "**/dashboard/orders/*");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("decisions")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "order.png"), FullPage = true });

        await page.GotoAsync("/dashboard/channels");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("channel-webshop")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "channels.png"), FullPage = true });

        await page.GotoAsync("/dashboard/alerts");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("alerts")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "alerts.png"), FullPage = true });

        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "login.png") });
        await page.Context.CloseAsync();

        foreach (var name in new[] { "overview", "stock", "orders", "channels", "alerts", "login" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, name + ".png")).Length > 10_000, name + ".png looks empty");
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Overal.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Overal.slnx not found above " + AppContext.BaseDirectory);
    }
}
