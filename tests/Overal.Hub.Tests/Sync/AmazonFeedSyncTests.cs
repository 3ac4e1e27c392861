using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Simulators.Amazon;

namespace Overal.Hub.Tests.Sync;

/// <summary>
/// Amazon's JSON_LISTINGS_FEED takes minutes: the dispatcher stores it as a job, holds its SKUs (a newer value waits
/// for it), asks about it on later passes and after a restart, and never submits its values twice. And reconciliation
/// reads back a catalog larger than the getListingsItem burst without losing a reading.
/// </summary>
public abstract class AmazonFeedSyncTests(bool postgres)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(120);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChannelDispatcher Amazon(SyncHarness h) =>
        h.Hub.Services.GetRequiredService<SyncDispatcherHost>().Dispatchers.Single(d => d.ChannelId == "amazon");

    [Fact]
    public async Task A_feed_in_flight_is_tracked_across_passes_and_a_restart_and_a_newer_value_waits_for_it()
    {
        // The simulators' clock stands still until the test moves it: the feed stays IN_QUEUE as long as the test needs.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await SyncHarness.StartAsync(postgres, hubSettings: new Dictionary<string, string?>
        {
            // The test drives the dispatcher's passes itself.
            ["Sync:Enabled"] = "false",
            ["Orders:Polling:Enabled"] = "false",
            ["Orders:Actions:Enabled"] = "false",
            ["Channels:Amazon:FeedPollInterval"] = "00:00:00.050",
        }, marketplaces: true, simulatorClock: clock);
        var amazon = h.Simulator<AmazonSimulator>();
        var rows = await h.SyncRowsAsync("amazon");
        Assert.True(rows.Count > 20, $"{rows.Count} SKUs: too few for a feed");

        Assert.Equal(rows.Count, await Amazon(h).PushOnceAsync(Ct));

        Assert.All(await h.SyncRowsAsync("amazon"), r => Assert.Equal(ChannelSyncState.HeldByJob, r.ClaimedUntil));
        Assert.Equal(1, await JobsAsync(h));
        var feed = Assert.Single(amazon.Feeds("JSON_LISTINGS_FEED"));
        Assert.Equal("IN_QUEUE", feed.Status);

        // A newer value for a SKU in flight waits: nothing goes out while the feed runs, over passes and a restart.
        var sku = rows.OrderBy(r => r.Sku).First().Sku;
        var before = rows.Single(r => r.Sku == sku).Desired;
        (await h.Client.PostAsJsonAsync("/api/stock/movements", new { sku, locationId = "warehouse", type = "receipt", quantity = 7 }, Ct)).EnsureSuccessStatusCode();
        var newer = (await h.SyncRowsAsync("amazon")).Single(r => r.Sku == sku).Desired;
        Assert.NotEqual(before, newer);
        for (var pass = 0; pass < 3; pass++) Assert.Equal(0, await Amazon(h).PushOnceAsync(Ct));
        await h.RestartHubAsync();
        for (var pass = 0; pass < 3; pass++) Assert.Equal(0, await Amazon(h).PushOnceAsync(Ct));
        Assert.Single(amazon.Feeds("JSON_LISTINGS_FEED"));
        Assert.Equal(0, amazon.Quantities()[sku]);

        clock.Advance(amazon.Options.FeedProcessingDelay);
        await SyncHarness.WaitUntilAsync(async () =>
        {
            await Amazon(h).PushOnceAsync(Ct);
            return (await h.SyncRowsAsync("amazon")).All(r => r.Status == SyncStatus.InSync && !r.Dirty);
        }, Converge, "the feed to be settled and the newer value pushed after it");

        // The feed landed its values, the newer one went out after it (a single patch), and no feed was sent twice.
        var shown = amazon.Quantities();
        Assert.All(await h.SyncRowsAsync("amazon"), r =>
        {
            Assert.Equal(r.Desired, r.Confirmed);
            Assert.Equal(r.Desired, shown[r.Sku]);
            Assert.Null(r.ClaimedUntil);
        });
        Assert.Equal(newer, shown[sku]);
        Assert.Equal("DONE", Assert.Single(amazon.Feeds("JSON_LISTINGS_FEED")).Status);
        Assert.Equal(0, await JobsAsync(h));
    }

    [Fact]
    public async Task Reconciliation_reads_every_sku_of_a_catalog_larger_than_the_burst_without_dropping_readings()
    {
        await using var h = await SyncHarness.StartAsync(postgres, marketplaces: true);
        await SyncHarness.WaitUntilAsync(async () => (await h.SyncRowsAsync("amazon")) is { Count: > 0 } rows && rows.All(r => r.Status == SyncStatus.InSync),
            Converge, "Amazon's first sync");
        var rows = await h.SyncRowsAsync("amazon");
        Assert.True(rows.Count > 2 * 10, $"{rows.Count} SKUs: not more than twice getListingsItem's burst of 10");
        var drifted = rows.OrderBy(r => r.Sku).Last();
        h.Simulator<AmazonSimulator>().Corrupt(drifted.Sku, drifted.Desired + 5);

        var response = await h.Client.PostAsync("/api/channels/amazon/reconcile", null, Ct);
        response.EnsureSuccessStatusCode();
        var run = (await response.Content.ReadFromJsonAsync<ReconciliationRun>(Ct))!;

        Assert.Null(run.Error);
        Assert.Equal(rows.Count, run.Checked);
        Assert.Equal(1, run.Drifted);
        await SyncHarness.WaitUntilAsync(() => Task.FromResult(h.Simulator<AmazonSimulator>().Quantities()[drifted.Sku] == drifted.Desired), Converge, "the drift to be repaired");
    }

    private static async Task<int> JobsAsync(SyncHarness h)
    {
        using var scope = h.Hub.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<ChannelPushJob>().Count();
    }
}

public sealed class AmazonFeedSyncTestsOnSqlite() : AmazonFeedSyncTests(postgres: false);

public sealed class AmazonFeedSyncTestsOnPostgres() : AmazonFeedSyncTests(postgres: true);
