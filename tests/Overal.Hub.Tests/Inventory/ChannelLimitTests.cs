using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Inventory;

/// <summary>
/// Holds never exceed what the channel advertises (issue #10 item 1): the explain view's number — pool ATP → share →
/// minus buffer → cap — is the limit, checked under the SKU lock, so racing holds cannot both pass. The seeded rules:
/// bol buffer 2 (warehouse), b2b share 30 % (warehouse), instagram cap 50 and buffer 1 (warehouse).
/// </summary>
public abstract class ChannelLimitTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    private static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await call(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task<int> AdvertisedAsync(string sku, string channel) =>
        (int)(await Api.GetJsonAsync($"/api/stock/{sku}/channels/{channel}/explain", Ct))["available"]!;

    [Theory]
    [InlineData("bol", 10, 8)]        // buffer: 10 − 2
    [InlineData("b2b", 20, 6)]        // share: 30 % of 20
    [InlineData("instagram", 80, 50)] // cap: min(50, 80 − 1)
    public async Task Concurrent_holds_are_granted_no_more_than_the_channel_advertised(string channel, int warehouse, int advertised)
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = warehouse }, Ct);
        Assert.Equal(advertised, await AdvertisedAsync(sku, channel));

        var results = await RaceAsync(advertised + 40, async i =>
        {
            using var response = await Api.ReserveAsync(new { sku, quantity = 1 + (i % 2), channelId = channel, kind = "cart", reference = $"race-{i}" }, Ct);
            return (response.StatusCode, Body: JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!);
        });

        var unexpected = results.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).ToList();
        Assert.True(unexpected.Count == 0, $"Unexpected answers: {string.Join(" | ", unexpected.Take(3).Select(u => $"{(int)u.StatusCode} {u.Body.ToJsonString()}"))}");
        var granted = results.Where(r => r.StatusCode == HttpStatusCode.Created).Sum(r => (int)r.Body["quantity"]!);
        Assert.True(granted <= advertised, $"{channel} advertised {advertised} but was granted {granted}");
        // The limit is the whole of what it advertised, not less: one-unit holds fill it up to the last unit.
        using (var last = await Api.ReserveAsync(new { sku, quantity = 1, channelId = channel, kind = "cart" }, Ct))
        {
            if (granted < advertised) await HubApi.ExpectAsync(last, HttpStatusCode.Created);
            else await HubApi.ExpectProblemAsync(last, HttpStatusCode.Conflict, "limit");
        }
        var levels = await Api.LevelsAsync(sku, Ct);
        Assert.Equal(advertised, levels["warehouse"].Reserved);
        Assert.Equal(0, await AdvertisedAsync(sku, channel));
        await Audit.AssertConsistentAsync(sku, Ct);
        using var scope = Hub.Services.CreateScope();
        var refused = results.Count(r => r.StatusCode == HttpStatusCode.Conflict) + (granted < advertised ? 0 : 1);
        Assert.Equal(refused, await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<StockRefusal>().CountAsync(r => r.Sku == sku, Ct));
    }

    [Fact]
    public async Task A_hold_beyond_the_channel_limit_is_a_409_naming_the_limit_and_is_counted_as_refused()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 5 }, Ct);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.ReserveAsync(new { sku, quantity = 4, channelId = "bol", kind = "cart", reference = "over-limit" }, Ct);

        var problem = await HubApi.ExpectProblemAsync(response, HttpStatusCode.Conflict, "channel's limit");
        Assert.Contains("buffer 2", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(3, (int)problem["available"]!);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
        using var scope = Hub.Services.CreateScope();
        var refusal = Assert.Single(await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<StockRefusal>().AsNoTracking().Where(r => r.Sku == sku).ToListAsync(Ct));
        Assert.Equal(("bol", 4, 3), (refusal.ChannelId, refusal.Requested, refusal.Available));
        // The channel may still take what it advertises.
        await Api.ReserveOkAsync(new { sku, quantity = 3, channelId = "bol", kind = "cart" }, Ct);
    }

    [Fact]
    public async Task A_share_bounds_what_the_channel_holds_in_total_and_frees_up_when_a_hold_is_released()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);

        var hold = await Api.ReserveOkAsync(new { sku, quantity = 3, channelId = "b2b", kind = "order" }, Ct);
        var explained = await Api.GetJsonAsync($"/api/stock/{sku}/channels/b2b/explain", Ct);
        Assert.Equal((7, 3, 3, 0), ((int)explained["poolAtp"]!, (int)explained["heldByChannel"]!, (int)explained["afterShare"]!, (int)explained["available"]!));
        using (var refused = await Api.ReserveAsync(new { sku, quantity = 1, channelId = "b2b", kind = "order" }, Ct))
        {
            await HubApi.ExpectProblemAsync(refused, HttpStatusCode.Conflict, "channel's limit");
        }
        // The other channels still see the pool: the share limits b2b, not the stock.
        await Api.ReserveOkAsync(new { sku, quantity = 5, channelId = "webshop", kind = "cart" }, Ct);

        using var released = await Api.PostRawAsync($"/api/reservations/{hold["id"]}/release", "", Ct);
        await HubApi.ExpectAsync(released, HttpStatusCode.OK);
        Assert.Equal(1, await AdvertisedAsync(sku, "b2b"));
        await Audit.AssertConsistentAsync(sku, Ct);
    }
}

public sealed class SqliteChannelLimitTests(SqliteHub hub) : ChannelLimitTests<SqliteHub>(hub);

public sealed class PostgresChannelLimitTests(PostgresHub hub) : ChannelLimitTests<PostgresHub>(hub);
