using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Hub.Channels;

/// <summary>
/// Shoppers for the demo: on a hub with no orders yet, places Demo:Orders:OnFirstStart orders (default 8) on the
/// channel simulators, and then Demo:Traffic:OrdersPerMinute while demo traffic is on. They reach the hub the real
/// way — Shopify's orders/create webhook, bol, Amazon and Zalando polling — so a new user finds a queue to work.
/// </summary>
internal sealed class DemoOrders(
    DemoSimulators simulators,
    DemoTrafficSettings traffic,
    IConfiguration configuration,
    IHttpClientFactory http,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoOrders> logger) : BackgroundService
{
    public const string HttpClientName = "Overal.DemoShoppers";

    // The marketplaces and the webshop, in turn; "webshop" goes through the Shopify simulator.
    private static readonly string[] Channels = ["webshop", "bol", "amazon", "zalando"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Shopify delivers its webhook to the hub's own address, known only once the server listens.
        if (!await StartedAsync(stoppingToken)) return;
        var random = new Random();
        var opening = configuration.GetValue("Demo:Orders:OnFirstStart", 8);
        if (opening > 0 && !await AnyOrdersAsync(stoppingToken))
        {
            await InitialSyncSettledAsync(stoppingToken);
            for (var i = 0; i < opening; i++) await PlaceSafelyAsync(Channels[i % Channels.Length], random, stoppingToken);
            logger.LogInformation("Placed {Count} demo orders on the channel simulators", opening);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            if (traffic.Enabled && traffic.OrdersPerMinute > 0)
            {
                await PlaceSafelyAsync(Channels[random.Next(Channels.Length)], random, stoppingToken);
                // Capped at a day: a tiny rate would ask for a delay TimeSpan cannot hold, and the exception would end the hub.
                await Task.Delay(TimeSpan.FromMinutes(Math.Min(1 / traffic.OrdersPerMinute, 24 * 60)), time, stoppingToken);
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// A new hub first pushes every SKU to every channel (about 20,000 rows for the demo catalog); SQLite writes one
    /// transaction at a time, so a webhook during the first seconds of that burst can miss Shopify's 5 s timeout.
    /// Shoppers wait until two thirds of it is through (the rate-limited marketplaces take minutes for the rest), or
    /// two minutes at most.
    /// </summary>
    private async Task InitialSyncSettledAsync(CancellationToken cancellationToken)
    {
        var giveUp = time.GetUtcNow().AddMinutes(2);
        int? first = null;
        while (time.GetUtcNow() < giveUp)
        {
            int pending;
            using (var scope = scopes.CreateScope())
            {
                pending = await scope.ServiceProvider.GetRequiredService<HubDbContext>().SyncStates.CountAsync(s => s.Status == SyncStatus.Pending, cancellationToken);
            }
            first ??= pending;
            if (pending <= first / 3) return;
            await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken);
        }
    }

    private async Task<bool> AnyOrdersAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<Order>().AnyAsync(cancellationToken);
    }

    private async Task PlaceSafelyAsync(string channel, Random random, CancellationToken cancellationToken)
    {
        try
        {
            await PlaceAsync(channel, random, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Demo order on {Channel} failed", channel);
        }
    }

    /// <summary>One or two units of a SKU the warehouse has plenty of, so the order can be allocated.</summary>
    private async Task PlaceAsync(string channel, Random random, CancellationToken cancellationToken)
    {
        string sku;
        using (var scope = scopes.CreateScope())
        {
            var candidates = await scope.ServiceProvider.GetRequiredService<HubDbContext>().StockLevels.AsNoTracking()
                .Where(l => l.LocationId == "warehouse" && l.OnHand - l.Reserved >= 5).OrderBy(l => l.Sku).Select(l => l.Sku)
                .Take(500).ToListAsync(cancellationToken);
            if (candidates.Count == 0) return;
            sku = candidates[random.Next(candidates.Count)];
        }
        var quantity = random.Next(1, 3);
        // The simulators' shopper endpoints: Shopify takes "lines", the marketplaces "items" (see each simulator).
        object body = channel == "webshop"
            ? new { lines = new[] { new { sku, quantity } }, email = "shopper@example.nl" }
            : new { items = new[] { new { sku, quantity } } };
        var simulator = channel == "webshop" ? "shopify" : channel;
        using var response = await http.CreateClient(HttpClientName).PostAsJsonAsync(new Uri(simulators.BaseFor(simulator), "_sim/orders"), body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("The {Simulator} simulator refused a demo order: {Status}", simulator, (int)response.StatusCode);
        }
    }
}
