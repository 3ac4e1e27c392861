using Microsoft.Playwright;

namespace Overal.Dashboard.Tests;

/// <summary>Browser steps shared by the tests. Every wait is on a condition (Playwright's auto-waiting), never a sleep.</summary>
public static class Pages
{
    public static async Task<IPage> LoginAsync(DashboardFixture fixture, string email, string password, string? viewport = null)
    {
        var context = await fixture.Browser.Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Hub.BaseAddress.ToString(),
            ViewportSize = viewport == "tablet" ? new ViewportSize { Width = 1024, Height = 768 } : new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard");
        await ReachedAsync(page, "**/account/login**");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        return page;
    }

    /// <summary>
    /// Waits until the page is at a URL matching <paramref name="glob"/>: the navigation has committed, its load event is
    /// not awaited. Under load Chromium once never reported "load" for a page reached through a form post's redirect;
    /// what a test checks next is waited for by its own assertion.
    /// </summary>
    public static Task ReachedAsync(IPage page, string glob) =>
        page.WaitForURLAsync(glob, new() { WaitUntil = WaitUntilState.Commit });

    /// <summary>Interactive pages only update live once their circuit is connected; they show a Live badge then.</summary>
    public static Task WaitLiveAsync(IPage page) =>
        Assertions.Expect(page.GetByTestId("live")).ToBeVisibleAsync(new() { Timeout = 30_000 });
}
