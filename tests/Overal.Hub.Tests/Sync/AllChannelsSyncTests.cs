using System.Net.Http.Json;
using Overal.Core.Sync;
using Overal.Simulators.Amazon;
using Overal.Simulators.Bol;
using Overal.Simulators.Meta;
using Overal.Simulators.Zalando;

namespace Overal.Hub.Tests.Sync;

/// <summary>One stock change reaches all 7 outbound channels, each through its own contract, and each confirmation is recorded.</summary>
public abstract class AllChannelsSyncTests(bool postgres)
{
    private static readonly string[] Outbound = ["webshop", "bol", "amazon", "zalando", "instagram", "facebook", "b2b"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_warehouse_change_reaches_every_outbound_channel_and_each_confirms_it()
    {
        await using var h = await SyncHarness.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Simulators:Bol:ProcessingDelay"] = "00:00:00.100",
            ["Simulators:Meta:ProcessingDelay"] = "00:00:00.100",
        }, marketplaces: true);
        await SyncHarness.WaitUntilAsync(async () => await AllInSyncAsync(h), TimeSpan.FromSeconds(120), "the first sync of every channel");
        var sku = (await h.SyncRowsAsync("bol")).OrderBy(r => r.Sku).First().Sku;
        var before = await DesiredAsync(h, sku);

        (await h.Client.PostAsJsonAsync("/api/stock/movements", new { sku, locationId = "warehouse", type = "receipt", quantity = 20 }, Ct)).EnsureSuccessStatusCode();

        var after = await DesiredAsync(h, sku);
        Assert.All(Outbound, c => Assert.True(after[c] > before[c], $"{c}: a warehouse receipt raises what it may sell"));
        await SyncHarness.WaitUntilAsync(async () => await AllInSyncAsync(h), TimeSpan.FromSeconds(60), "every channel to confirm the new number");
        foreach (var channel in Outbound)
        {
            var row = (await h.SyncRowsAsync(channel)).Single(r => r.Sku == sku);
            Assert.Equal(after[channel], row.Confirmed);
            Assert.NotNull(row.ConfirmedAt);
        }
        // And the channels themselves show it.
        Assert.Equal(after["webshop"], h.Shopify.Quantities()[sku]);
        Assert.Equal(after["bol"], h.Simulator<BolSimulator>().Quantities()[sku]);
        Assert.Equal(after["amazon"], h.Simulator<AmazonSimulator>().Quantities()[sku]);
        Assert.Equal(after["zalando"], h.Simulator<ZalandoSimulator>().Quantities()[sku]);
        var meta = h.Simulator<MetaSimulator>();
        Assert.Equal(after["instagram"], meta.Catalog("instagram").Quantities()[sku]);
        Assert.Equal(after["facebook"], meta.Catalog("facebook").Quantities()[sku]);
        var latency = await h.Client.GetFromJsonAsync<LatencyBody>("/api/sync/latency", Ct);
        Assert.All(Outbound, c => Assert.Contains(latency!.Channels, l => l.ChannelId == c && l.Count > 0));
    }

    [Fact]
    public async Task Zalando_which_cannot_be_read_back_is_reconciled_by_re_pushing_its_numbers_without_counting_them_as_latency()
    {
        await using var h = await SyncHarness.StartAsync(postgres, marketplaces: true);
        var zalando = h.Simulator<ZalandoSimulator>();
        await SyncHarness.WaitUntilAsync(async () => (await h.SyncRowsAsync("zalando")).All(r => r.Status == SyncStatus.InSync), TimeSpan.FromSeconds(120), "Zalando's first sync");
        var sku = (await h.SyncRowsAsync("zalando")).OrderBy(r => r.Sku).First().Sku;
        // A real stock change, so the row carries an origin (and one latency sample) before the reconciliation.
        (await h.Client.PostAsJsonAsync("/api/stock/movements", new { sku, locationId = "warehouse", type = "receipt", quantity = 5 }, Ct)).EnsureSuccessStatusCode();
        await SyncHarness.WaitUntilAsync(async () => (await h.SyncRowsAsync("zalando")).All(r => r.Status == SyncStatus.InSync), TimeSpan.FromSeconds(60), "Zalando to confirm the receipt");
        var samples = await ZalandoLatencySamplesAsync(h);
        Assert.True(samples > 0);
        var row = (await h.SyncRowsAsync("zalando")).Single(r => r.Sku == sku);
        zalando.Corrupt(row.Sku, row.Desired + 500);

        var response = await h.Client.PostAsync("/api/channels/zalando/reconcile", null, Ct);
        response.EnsureSuccessStatusCode();
        var run = await response.Content.ReadFromJsonAsync<ReconciliationRun>(Ct);

        Assert.Equal((await h.SyncRowsAsync("zalando")).Count, run!.Checked);
        await SyncHarness.WaitUntilAsync(() => Task.FromResult(zalando.Quantities()[row.Sku] == row.Desired), TimeSpan.FromSeconds(60), "the re-push to repair Zalando");
        await SyncHarness.WaitUntilAsync(async () => (await h.SyncRowsAsync("zalando")).All(r => r.Status == SyncStatus.InSync), TimeSpan.FromSeconds(60), "every re-sent value to be confirmed");
        // A re-send is not a stock change: it adds no propagation sample (it used to add one per row with an origin, hours long).
        Assert.Equal(samples, await ZalandoLatencySamplesAsync(h));
    }

    private static async Task<int> ZalandoLatencySamplesAsync(SyncHarness h) =>
        (await h.Client.GetFromJsonAsync<LatencyBody>("/api/sync/latency", Ct))!.Channels.SingleOrDefault(c => c.ChannelId == "zalando")?.Count ?? 0;

    private static async Task<bool> AllInSyncAsync(SyncHarness h)
    {
        foreach (var channel in Outbound)
        {
            var rows = await h.SyncRowsAsync(channel);
            if (rows.Count == 0 || rows.Any(r => r.Status != SyncStatus.InSync)) return false;
        }
        return true;
    }

    private static async Task<Dictionary<string, int>> DesiredAsync(SyncHarness h, string sku)
    {
        var desired = new Dictionary<string, int>();
        foreach (var channel in Outbound) desired[channel] = (await h.SyncRowsAsync(channel)).Single(r => r.Sku == sku).Desired;
        return desired;
    }

    private sealed record LatencyBody(IReadOnlyList<LatencyChannel> Channels);

    private sealed record LatencyChannel(string ChannelId, int Count);
}

public sealed class AllChannelsSyncTestsOnSqlite() : AllChannelsSyncTests(postgres: false);

public sealed class AllChannelsSyncTestsOnPostgres() : AllChannelsSyncTests(postgres: true);
