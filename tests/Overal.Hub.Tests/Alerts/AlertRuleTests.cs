using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Overal.Core.Alerts;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Hub.Alerts;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Alerts;

/// <summary>The stock alert rules on real data, and the outbound notification of newly raised alerts.</summary>
public abstract class AlertRuleTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    [Fact]
    public async Task A_SKU_below_its_own_threshold_raises_a_low_stock_alert_per_channel()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 3 }, Ct);
        var options = new LowStockOptions { DefaultThreshold = 0, Skus = { [sku] = 3 } };

        var alerts = await InDbAsync(db => StockAlertRules.LowStockAsync(db, options, Ct));

        // bol and amazon keep a buffer of 2 (3 − 2 = 1 < 3); b2b shows 30 % (0): sold out, critical.
        var bol = Assert.Single(alerts, a => a.Item1 == "lowstock:bol");
        Assert.Contains(sku, bol.Item5);
        Assert.Equal(AlertSeverity.Warning, bol.Item3);
        Assert.Equal(AlertSeverity.Critical, Assert.Single(alerts, a => a.Item1 == "lowstock:b2b").Item3);
        // Every other SKU has threshold 0 here, so nothing else can be low.
        Assert.All(alerts, a => Assert.Contains(sku, a.Item5));

        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 40 }, Ct);
        Assert.Empty(await InDbAsync(db => StockAlertRules.LowStockAsync(db, options, Ct)));
    }

    [Fact]
    public async Task A_SKU_selling_far_above_its_own_baseline_raises_an_unusual_sales_alert()
    {
        var hot = TakeSku();
        var calm = TakeSku();
        await Api.SetOnlyStockAsync(hot, new Dictionary<string, int> { ["warehouse"] = 50 }, Ct);
        await Api.SetOnlyStockAsync(calm, new Dictionary<string, int> { ["warehouse"] = 50 }, Ct);
        for (var i = 0; i < 6; i++) (await Api.MoveAsync(new { sku = hot, locationId = "warehouse", type = "sale", quantity = 1 }, Ct)).EnsureSuccessStatusCode();
        for (var i = 0; i < 2; i++) (await Api.MoveAsync(new { sku = calm, locationId = "warehouse", type = "sale", quantity = 1 }, Ct)).EnsureSuccessStatusCode();

        var alerts = await InDbAsync(db => StockAlertRules.UnusualSalesAsync(db, new UnusualSalesOptions { WindowMinutes = 60, MinUnits = 5, Factor = 4 }, Hub.Clock.GetUtcNow().AddSeconds(1), Ct));

        var alert = Assert.Single(alerts, a => a.Item1 == $"sales:{hot}");
        Assert.Equal(AlertKind.UnusualSales, alert.Item2);
        Assert.StartsWith($"{hot}: 6 sold", alert.Item5);
        Assert.DoesNotContain(alerts, a => a.Item1 == $"sales:{calm}");
    }

    [Fact]
    public async Task A_failing_channel_warns_before_its_circuit_opens_and_the_alerts_resolve_after_a_success()
    {
        var channel = $"test-{Guid.NewGuid():N}"[..16];
        var health = Hub.Services.GetRequiredService<ChannelHealthBoard>().For(channel);
        var evaluator = Hub.Services.GetRequiredService<AlertEvaluator>();
        var board = Hub.Services.GetRequiredService<AlertBoard>();
        var options = new SyncOptions { CircuitFailureThreshold = 2 };

        health.Failed(Hub.Clock.GetUtcNow(), 1, "503 Service Unavailable", options);
        await evaluator.EvaluateAsync(Ct);
        var warning = Assert.Single(board.All(), a => a.Key == $"errors:{channel}");
        Assert.True(warning.Active);
        Assert.Equal(AlertSeverity.Warning, warning.Severity);
        Assert.Contains("503 Service Unavailable", warning.Message);

        health.Failed(Hub.Clock.GetUtcNow(), 1, "503 Service Unavailable", options);
        await evaluator.EvaluateAsync(Ct);
        Assert.True(Assert.Single(board.All(), a => a.Key == $"circuit:{channel}").Active);
        Assert.False(Assert.Single(board.All(), a => a.Key == $"errors:{channel}").Active);

        health.Succeeded(Hub.Clock.GetUtcNow(), 1, 1, 0);
        await evaluator.EvaluateAsync(Ct);
        Assert.DoesNotContain(board.All(), a => a.ChannelId == channel && a.Active);
    }

    [Fact]
    public async Task Newly_raised_alerts_are_posted_to_the_notification_webhook_once()
    {
        var received = new ConcurrentQueue<string>();
        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        receiver.Logging.ClearProviders();
        await using var app = receiver.Build();
        app.MapPost("/hook", async (HttpRequest r) => { received.Enqueue(await new StreamReader(r.Body).ReadToEndAsync()); return Results.Ok(); });
        await app.StartAsync(Ct);
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/hook");

        var board = new AlertBoard(Hub.Services.GetRequiredService<IServiceScopeFactory>(), Hub.Services.GetRequiredService<WriteGate>(), new AlertOptions(), Hub.Clock);
        var notifier = new AlertNotifier(new AlertOptions { Notify = { WebhookUrl = url } }, Hub.Services.GetRequiredService<IHttpClientFactory>(), NullLogger<AlertNotifier>.Instance);
        var key = $"circuit:test-{Guid.NewGuid():N}";
        var seen = new List<(string, AlertKind, AlertSeverity, string, string)> { (key, AlertKind.CircuitOpen, AlertSeverity.Critical, "bol", "Circuit open: 503") };

        await notifier.NotifyAsync(await board.ObserveAsync(seen, Ct), Ct);
        Assert.Empty(await board.ObserveAsync(seen, Ct)); // still active: not raised again, so not notified again
        await notifier.NotifyAsync(await board.ObserveAsync(seen, Ct), Ct);

        var body = Assert.Single(received);
        Assert.Contains(key, body);
        Assert.Contains("Circuit open: 503", body);
    }

    private async Task<T> InDbAsync<T>(Func<HubDbContext, Task<T>> work)
    {
        using var scope = Hub.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }
}

public sealed class SqliteAlertRuleTests(SqliteHub hub) : AlertRuleTests<SqliteHub>(hub);

public sealed class PostgresAlertRuleTests(PostgresHub hub) : AlertRuleTests<PostgresHub>(hub);
