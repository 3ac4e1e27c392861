using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Overal.Core.Persistence;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

/// <summary>
/// Every page in Dutch shows no English of the dashboard's own (names of channels, stores and products are data, and text
/// marked lang="en" is stored as written; both are left out of the check), shows names where it used to show ids, and latency as "850 ms" / "1,2 s".
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DutchBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    /// <summary>Words and phrases of the dashboard's English that have a Dutch translation (whole words, case-sensitive).</summary>
    private static readonly string[] English =
    [
        "Search", "Orders", "Order", "Channel", "Channels", "Pending", "Failed", "Waiting", "Refund", "Returns", "Return", "Store", "Stock",
        "never", "Delivery", "Placed", "Lines", "Total", "Customer", "Shipped", "Allocated", "Latency", "Overview", "Alerts", "Language",
        "Connected", "Cancelled", "Today", "days", "Price", "Quantity", "Timeline", "Carrier", "Reconcile", "Replay", "Dead letters",
        "Rate limit", "Rows per page", "Home delivery", "Pickup point", "Open orders", "the", "and", "with", "from", "not", "yet", "for",
        "sent", "waiting", "Warehouse", "ago", "Location", "Sellable", "Ledger", "Received", "Requested",
    ];

    [Fact]
    public async Task EveryPageInDutchShowsNoEnglishOfItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, sku) = await TestOrders.CreateWebshopOrderWithSkuAsync(Hub, ct);
        foreach (var step in new[] { "pick", "pack", "ship" }) await TestOrders.StepAsync(Hub, id, step, ct);
        using var api = Hub.Http(DashboardHost.ApiKey);
        var order = await api.GetFromJsonAsync<JsonObject>($"api/orders/{id}", ct);
        var returned = await api.PostAsJsonAsync($"api/orders/{id}/returns", new
        {
            reason = "Te klein",
            lines = new[] { new { lineId = order!["lines"]![0]!["id"]!.GetValue<string>(), quantity = 1 } },
            receive = new { locationId = "warehouse", disposition = "restock" },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);
        var (style, data) = await DataAsync(sku, ct);

        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        var found = new List<string>();
        try
        {
            foreach (var path in new[] { "/dashboard", $"/dashboard/stock?style={style}&sku={Uri.EscapeDataString(sku)}", "/dashboard/orders", $"/dashboard/orders/{id}",
                "/dashboard/channels", "/dashboard/alerts" })
            {
                await page.GotoAsync($"/account/culture?culture=nl&returnUrl={Uri.EscapeDataString(path)}");
                await Pages.WaitLiveAsync(page);
                await Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
                if (path == "/dashboard/orders") await Expect(page.GetByTestId("orders").Locator("tbody tr").First).ToBeVisibleAsync();
                // Text marked lang="en" is stored as written (channels' own error messages, alert details as notified).
                var text = await page.Locator(".mud-main-content").EvaluateAsync<string>(
                    "main => { const copy = main.cloneNode(true); copy.querySelectorAll('[lang=en]').forEach(e => e.remove()); document.body.appendChild(copy); const t = copy.innerText; copy.remove(); return t; }");
                foreach (var name in data.OrderByDescending(n => n.Length)) text = text.Replace(name, " ", StringComparison.Ordinal);
                found.AddRange(English.Select(word => Regex.Match(text, $@".{{0,30}}(?<![\p{{L}}-]){Regex.Escape(word)}(?![\p{{L}}-]).{{0,30}}"))
                    .Where(m => m.Success).Select(m => $"{path}: {m.Value}"));
                if (OfPattern().Match(text) is { Success: true } of) found.Add($"{path}: {of.Value}");
            }
        }
        finally
        {
            await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard");
            await page.Context.CloseAsync();
        }
        Assert.True(found.Count == 0, "English on Dutch pages:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task TheQueueAndAnOrderShowChannelAndStoreNamesAndLatencyReadsInSecondsOrMilliseconds()
    {
        var ct = TestContext.Current.CancellationToken;
        var sku = await TestOrders.SkuAtAsync(Hub, "store-amsterdam", ct);
        var id = await TestOrders.CreateAsync(Hub, sku, new { kind = "click_and_collect", storeLocationId = "store-amsterdam" }, ct);
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders");
        await Pages.WaitLiveAsync(page);

        var row = page.GetByTestId("orders").Locator("tbody tr").Filter(new() { Has = page.GetByTestId($"order-{id}") });
        await Expect(row).ToContainTextAsync("Own webshop");
        await Expect(row).ToContainTextAsync("Store Amsterdam");
        await Expect(row).Not.ToContainTextAsync("store-amsterdam");

        await page.GotoAsync($"/dashboard/orders/{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("order-summary")).ToContainTextAsync("Own webshop");
        await Expect(page.GetByTestId("order-summary")).ToContainTextAsync("Store Amsterdam");
        await Expect(page.GetByTestId("line-allocation-1")).ToContainTextAsync("Store Amsterdam");
        await Expect(page.GetByTestId("line-allocation-1")).Not.ToContainTextAsync("store-amsterdam");

        // The webshop syncs in the test host, so it has measured latencies: shown with their unit, never bare milliseconds.
        await page.GotoAsync("/dashboard");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("latency-n-webshop")).Not.ToHaveTextAsync("0", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("latency-p50-webshop")).ToHaveTextAsync(OneLatencyPattern());
        await Expect(page.GetByTestId("orders-table")).ToContainTextAsync("Own webshop");
        await page.GotoAsync("/dashboard/channels");
        await Expect(page.GetByTestId("latency-channel-webshop")).ToContainTextAsync(LatencyPattern());
        await page.Context.CloseAsync();
    }

    /// <summary>The catalog's and the reference customer's names (data, not dashboard text) and the style of the SKU.</summary>
    private async Task<(string Style, List<string> Names)> DataAsync(string sku, CancellationToken ct)
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var style = await db.Variants.Where(v => v.Sku == sku).Join(db.Products, v => v.ProductId, p => p.Id, (_, p) => p.StyleCode).FirstAsync(ct);
        var names = new List<string>();
        names.AddRange(await db.Channels.Select(c => c.Name).ToListAsync(ct));
        names.AddRange(await db.Channels.Select(c => c.System).ToListAsync(ct));
        names.AddRange(await db.Locations.Select(l => l.Name).ToListAsync(ct));
        names.AddRange(await db.Products.Select(p => p.NameNl).ToListAsync(ct));
        return (style, names);
    }

    [GeneratedRegex(@"\d+\s*of\s*\d+")]
    private static partial Regex OfPattern();

    [GeneratedRegex(@"^\s*(\d+ ms|\d+\.\d s)\s*$")]
    private static partial Regex OneLatencyPattern();

    // "850 ms" or "1.2 s" (English) for each of p50/p95/p99.
    [GeneratedRegex(@"^\s*(\d+ ms|\d+\.\d s|–)\s*/\s*(\d+ ms|\d+\.\d s|–)\s*/\s*(\d+ ms|\d+\.\d s|–)\s*$")]
    private static partial Regex LatencyPattern();
}
