using Microsoft.Playwright;

namespace Overal.Dashboard.Tests;

/// <summary>
/// Headless Debian Chromium driven by Playwright (never a downloaded browser). A missing browser fails the tests:
/// scripts/test.sh installs it (apt-get install -y chromium).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("OVERAL_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(path)) throw new InvalidOperationException($"Chromium not found at {path}: run `apt-get install -y chromium` (scripts/test.sh does).");
        // Live updates cross the outbox relay and a circuit round trip; allow for a loaded 2-core CI machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null) await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}
