using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;
using Overal.Core.Sync;
using Overal.Hub.Dashboard;
using Overal.Hub.Dashboard.Data;
using Overal.Hub.Dashboard.Pages;

namespace Overal.Hub.Tests.Dashboard;

/// <summary>The Overview's charts rendered to HTML: a chart with nothing to show says so instead of drawing bare axes.</summary>
public sealed class OverviewChartsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly[] Week = [.. Enumerable.Range(0, 7).Select(d => DateOnly.FromDateTime(Now.UtcDateTime).AddDays(d - 6))];

    private static async Task<string> RenderAsync(IReadOnlyList<ChannelOrderStats> orders, IReadOnlyList<ChannelRow> channels)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddSingleton<DashboardText>();
        services.AddSingleton<Microsoft.JSInterop.IJSRuntime, NoJavaScript>();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var figures = new OrderFigures(Now, Week, orders, new ClickAndCollectStats(new StorePickupStats("all", 0, null, null, 0, null, null, 0, null), []));
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<OverviewCharts>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(OverviewCharts.Orders)] = figures,
                [nameof(OverviewCharts.Channels)] = channels,
            }));
            return output.ToHtmlString();
        });
    }

    private static ChannelOrderStats Webshop(int today, int prevented) =>
        new("webshop", today, today, [0, 0, 0, 0, 0, 0, today], 0, 0, 0, prevented);

    private static ChannelRow Synced(double? p50) =>
        new("webshop", "Webshop", true, true, 10, 0, 0, 0, null, p50 is null ? null : new LatencySummary("webshop", 10, p50, p50 * 2, p50 * 3, p50 * 4), null);

    [Fact]
    public async Task Charts_without_data_say_so_and_draw_nothing()
    {
        var html = await RenderAsync([Webshop(today: 0, prevented: 0)], [Synced(p50: null)]);

        Assert.Equal(4, Count(html, "data-testid=\"chart-empty\""));
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("No orders in the last 7 days yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Charts_with_data_draw_and_only_the_empty_ones_say_so()
    {
        var html = await RenderAsync([Webshop(today: 3, prevented: 0)], [Synced(p50: 420)]);

        // Orders per day and latency have data; oversells and cancellations are all zero: two drawn, two saying so.
        Assert.Equal(2, Count(html, "data-testid=\"chart-empty\""));
        Assert.Contains("No hold was refused and nothing was oversold in the last 7 days.", html, StringComparison.Ordinal);
        Assert.Contains("No order was cancelled in the last 7 days.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No orders in the last 7 days yet.", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<svg"));
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>MudChart asks for a JS runtime; static rendering never calls it.</summary>
    private sealed class NoJavaScript : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("Static rendering runs no JavaScript.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("Static rendering runs no JavaScript.");
    }
}
