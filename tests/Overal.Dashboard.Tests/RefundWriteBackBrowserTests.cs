using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Orders;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

/// <summary>
/// What became of telling the channel about a return is on the order page, in words staff act on: Shopify has no call
/// for it, so the page says the refund was not sent and where to do it instead, in English and Dutch.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RefundWriteBackBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task AWebshopReturnsRefundThatShopifyCannotTakeSaysSoOnTheOrderPage()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await TestOrders.CreateWebshopOrderAsync(Hub, ct);
        foreach (var step in new[] { "pick", "pack", "ship" }) await TestOrders.StepAsync(Hub, id, step, ct);
        using var api = Hub.Http(DashboardHost.ApiKey);
        var order = await api.GetFromJsonAsync<JsonObject>($"api/orders/{id}", ct);
        var line = order!["lines"]![0]!["id"]!.GetValue<string>();
        var returned = await api.PostAsJsonAsync($"api/orders/{id}/returns", new
        {
            reason = "Too small",
            lines = new[] { new { lineId = line, quantity = 1 } },
            receive = new { locationId = "warehouse", disposition = "restock" },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);
        // One pass of the action dispatcher settles the write-back whether or not its background loop got there first:
        // a call the channel lacks is marked unsupported by whichever pass finds it, and marking it again changes nothing.
        await Hub.Services.GetRequiredService<ChannelActionDispatcher>().RunOnceAsync(ct);
        Assert.Contains((await api.GetFromJsonAsync<JsonObject>($"api/orders/{id}", ct))!["channelActions"]!.AsArray(),
            a => a!["kind"]!.GetValue<string>() == "return_received" && a["status"]!.GetValue<string>() == "unsupported");

        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync($"/account/culture?culture=en&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        var outcome = page.GetByTestId("refund-writeback-1");
        await Expect(outcome).ToHaveAttributeAsync("data-status", "unsupported");
        await Expect(outcome).ToContainTextAsync("Refund not sent to Shopify: refund it in Shopify admin.");

        await page.GotoAsync($"/account/culture?culture=nl&returnUrl=%2Fdashboard%2Forders%2F{id}");
        await Pages.WaitLiveAsync(page);
        await Expect(outcome).ToContainTextAsync("Terugbetaling niet naar Shopify gestuurd: betaal terug in Shopify-beheer.");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard");
        await page.Context.CloseAsync();
    }
}
