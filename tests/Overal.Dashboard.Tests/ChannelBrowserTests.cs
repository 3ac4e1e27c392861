using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Overal.Core.Persistence;
using Overal.Hub.Channels;
using Overal.Simulators.Control;
using Overal.Simulators.Zalando;
using static Microsoft.Playwright.Assertions;

namespace Overal.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class ChannelBrowserTests(DashboardFixture fixture)
{
    private DashboardHost Hub => fixture.Hub;

    [Fact]
    public async Task ChannelsPageShowsRateLimitWaitsAndRecentErrorsWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        var zalando = Hub.Services.GetRequiredService<DemoSimulators>().Get<ZalandoSimulator>();
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Fchannels");
        await Pages.WaitLiveAsync(page);
        await Expect(page.GetByTestId("errors-zalando")).ToHaveCountAsync(0);
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        try
        {
            // Zalando answers its next call with its rate-limit response, then every call with a 5xx. The next call is
            // nearly always the push the stock change causes, but the hub also polls Zalando's orders every 2 s here,
            // and a poll that takes the throttle leaves the push unthrottled: then the throttle is set up again.
            for (var round = 1; ; round++)
            {
                zalando.Faults.Apply(new FaultSettings { ThrottleNextCalls = 1 });
                await ChangeStockAsync(ct);
                try
                {
                    await Expect(page.GetByTestId("ratelimit-zalando")).ToContainTextAsync(WaitsCounted(), new() { Timeout = 10_000 });
                    break;
                }
                catch (PlaywrightException) when (round < 3)
                {
                }
            }

            zalando.Faults.Apply(new FaultSettings { ErrorRate = 1 });
            await ChangeStockAsync(ct);
            await Expect(page.GetByTestId("errors-zalando")).ToContainTextAsync("50");
            await Expect(page.GetByTestId("circuit-zalando")).ToContainTextAsync("failed in a row");
        }
        finally
        {
            zalando.Faults.Apply(new FaultSettings());
        }
        Assert.Equal(0, navigations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_channel_that_cannot_be_read_back_offers_a_resend_and_says_how_many_values_it_queued()
    {
        var page = await Pages.LoginAsync(fixture, DashboardHost.AdminEmail, DashboardHost.AdminPassword);
        await Pages.ReachedAsync(page, "**/dashboard");
        await page.GotoAsync("/account/culture?culture=en&returnUrl=%2Fdashboard%2Fchannels");
        await Pages.WaitLiveAsync(page);

        await Expect(page.GetByTestId("reconcile-bol")).ToHaveTextAsync("Reconcile now");
        await Expect(page.GetByTestId("reconcile-zalando")).ToHaveTextAsync("Re-send stock");
        await page.GetByTestId("reconcile-zalando").ClickAsync();

        await Expect(page.GetByText(ResendQueued())).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"zalando: \d+ values queued to be sent again")]
    private static partial Regex ResendQueued();

    /// <summary>A receipt of one unit at the warehouse: every stock-syncing channel gets a push for that SKU.</summary>
    private async Task ChangeStockAsync(CancellationToken ct)
    {
        string sku;
        using (var scope = Hub.Services.CreateScope())
        {
            sku = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Variants.Select(v => v.Sku).OrderByDescending(s => s).FirstAsync(ct);
        }
        using var http = Hub.Http(DashboardHost.ApiKey);
        var response = await http.PostAsJsonAsync("api/stock/movements", new { sku, locationId = "warehouse", type = "receipt", quantity = 1 }, ct);
        response.EnsureSuccessStatusCode();
    }

    [GeneratedRegex(@"[1-9]\d* waits")]
    private static partial Regex WaitsCounted();
}
