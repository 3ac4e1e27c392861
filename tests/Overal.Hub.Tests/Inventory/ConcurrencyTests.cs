using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Inventory;

/// <summary>
/// No oversell under real parallelism (issue #2 §6): many requests released at the same instant through the
/// in-process server (thread pool, one DbContext per request), or many service scopes calling the core directly.
/// </summary>
public abstract class ConcurrencyTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    /// <summary>Starts every call at once (all tasks wait on one gate) and returns their results in order.</summary>
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

    [Fact]
    public async Task Two_hundred_concurrent_one_unit_holds_on_fifty_sellable_units_give_exactly_fifty()
    {
        var sku = TakeSku();
        // 20 + (16 − 1) + (16 − 1) = 50 sellable for webshop: stores keep one unit of safety stock.
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 20, ["store-amsterdam"] = 16, ["store-rotterdam"] = 16 }, Ct);

        var results = await RaceAsync(200, async i =>
        {
            using var response = await Api.ReserveAsync(new { sku, quantity = 1, channelId = "webshop", kind = "cart", reference = $"cart-{i}" }, Ct);
            return (response.StatusCode, Body: JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!);
        });

        var unexpected = results.Where(r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict)).ToList();
        Assert.True(unexpected.Count == 0, $"Unexpected answers: {string.Join(" | ", unexpected.Take(3).Select(u => $"{(int)u.StatusCode} {u.Body.ToJsonString()}"))}");
        Assert.Equal(50, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(150, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.All(results.Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.Equal(0, (int)r.Body["available"]!));
        var allocated = results.Where(r => r.StatusCode == HttpStatusCode.Created)
            .SelectMany(r => r.Body["allocations"]!.AsArray()).GroupBy(a => (string)a!["locationId"]!)
            .ToDictionary(g => g.Key, g => g.Sum(a => (int)a!["quantity"]!));
        Assert.Equal(new Dictionary<string, int> { ["warehouse"] = 20, ["store-amsterdam"] = 15, ["store-rotterdam"] = 15 }, allocated);
        var levels = await Api.LevelsAsync(sku, Ct);
        Assert.Equal(50, levels.Values.Sum(l => l.Reserved));
        Assert.Equal((20, 15, 15), (levels["warehouse"].Reserved, levels["store-amsterdam"].Reserved, levels["store-rotterdam"].Reserved));
        Assert.All(levels.Values, l => Assert.True(l.Reserved <= l.OnHand - l.SafetyStock || l.Reserved == 0));
        await Audit.AssertConsistentAsync(sku, Ct);
        // Every refusal is counted as an oversell prevented, once.
        using var scope = Hub.Services.CreateScope();
        Assert.Equal(150, await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<StockRefusal>().CountAsync(r => r.Sku == sku, Ct));
    }

    [Fact]
    public async Task Concurrent_holds_through_the_core_in_separate_scopes_never_oversell()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 30 }, Ct);

        var results = await RaceAsync(100, async i =>
        {
            await using var scope = Hub.Services.CreateAsyncScope();
            var book = scope.ServiceProvider.GetRequiredService<ReservationBook>();
            try
            {
                await book.ReserveAsync(new ReserveStock(sku, 1, "bol", ReservationKind.Cart, Reference: $"direct-{i}"), Ct);
                return 201;
            }
            catch (HubException e)
            {
                return e.Status;
            }
        });

        // bol keeps a buffer of 2, so it advertises 28 of the 30 and is granted exactly that.
        Assert.Equal(28, results.Count(s => s == 201));
        Assert.Equal(72, results.Count(s => s == 409));
        Assert.Equal((30, 28), ((await Api.LevelsAsync(sku, Ct))["warehouse"].OnHand, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Mixed_storm_on_one_sku_leaves_ledger_levels_reservations_and_channel_numbers_in_agreement()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 12, ["store-amsterdam"] = 6, ["store-rotterdam"] = 6 }, Ct);
        var open = new ConcurrentQueue<string>();
        var unexpected = new ConcurrentQueue<string>();
        var done = new ConcurrentDictionary<string, int>();

        async Task CallAsync(string op, Func<Task<HttpResponseMessage>> send)
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync(Ct);
            done.AddOrUpdate($"{op} {(int)response.StatusCode}", 1, (_, n) => n + 1);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                unexpected.Enqueue($"{op}: {(int)response.StatusCode} {body}");
                return;
            }
            if (response.StatusCode == HttpStatusCode.Created && op is "hold" or "order")
            {
                var reservation = JsonNode.Parse(body)!;
                if (reservation["allocations"]!.AsArray().Sum(a => (int)a!["quantity"]!) != (int)reservation["quantity"]!)
                {
                    unexpected.Enqueue($"{op}: allocations do not add up to the quantity: {body}");
                }
                open.Enqueue((string)reservation["id"]!);
            }
        }

        await RaceAsync(12, async worker =>
        {
            var random = new Random(1000 + worker);
            for (var step = 0; step < 30; step++)
            {
                var roll = random.Next(100);
                switch (roll)
                {
                    case < 28:
                        await CallAsync("hold", () => Api.ReserveAsync(new { sku, quantity = random.Next(1, 5), channelId = "webshop", kind = "cart", expiresInSeconds = random.Next(30, 300) }, Ct));
                        break;
                    case < 36:
                        await CallAsync("order", () => Api.ReserveAsync(new { sku, quantity = random.Next(1, 3), channelId = "zalando", kind = "order" }, Ct));
                        break;
                    case < 52:
                        if (open.TryDequeue(out var toCommit)) await CallAsync("commit", () => Api.PostRawAsync($"/api/reservations/{toCommit}/commit", "", Ct));
                        break;
                    case < 62:
                        if (open.TryDequeue(out var toRelease)) await CallAsync("release", () => Api.PostRawAsync($"/api/reservations/{toRelease}/release", "", Ct));
                        break;
                    case < 72:
                        await CallAsync("pos-sale", () => Api.MoveAsync(new { sku, locationId = "store-amsterdam", type = "sale", quantity = 1, reference = "POS" }, Ct));
                        break;
                    case < 77:
                        await CallAsync("count", () => Api.MoveAsync(new { sku, locationId = "store-amsterdam", type = "count", quantity = random.Next(0, 13) }, Ct));
                        break;
                    case < 83:
                        await CallAsync("receipt", () => Api.MoveAsync(new { sku, locationId = "warehouse", type = "receipt", quantity = random.Next(1, 4) }, Ct));
                        break;
                    case < 91:
                        await CallAsync("transfer", () => Api.MoveAsync(new { sku, locationId = "warehouse", toLocationId = "store-rotterdam", type = "transfer", quantity = random.Next(1, 3) }, Ct));
                        break;
                    default:
                        // Time passes and the sweeper expires what is due, racing the commits and releases above.
                        Hub.Clock.Advance(TimeSpan.FromSeconds(random.Next(20, 120)));
                        var expired = await Audit.SweepAsync(Ct);
                        done.AddOrUpdate("swept", expired, (_, n) => n + expired);
                        break;
                }
            }
            return worker;
        });

        Assert.True(unexpected.IsEmpty, string.Join(Environment.NewLine, unexpected.Take(5)));
        var statuses = await ReservationStatusesAsync(sku);
        var summary = string.Join(", ", done.OrderBy(d => d.Key).Select(d => $"{d.Key}: {d.Value}")) + " | " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(statuses.ContainsKey(ReservationStatus.Committed) && statuses.ContainsKey(ReservationStatus.Released)
            && statuses.ContainsKey(ReservationStatus.Expired),
            $"The storm did not exercise every transition: {summary}");
        Assert.True(done.Keys.Any(k => k.StartsWith("hold 409", StringComparison.Ordinal) || k.StartsWith("order 409", StringComparison.Ordinal)),
            $"The storm never ran the pool dry: {summary}");
        await Audit.AssertConsistentAsync(sku, Ct);
        var levels = await Api.LevelsAsync(sku, Ct);
        // Only reservations, commits, receipts and transfers touch these two, so holds alone bound reserved there.
        Assert.All(new[] { "warehouse", "store-rotterdam" }, id =>
            Assert.True(levels[id].Reserved <= levels[id].OnHand - levels[id].SafetyStock, $"{id}: reserved {levels[id].Reserved} > on-hand {levels[id].OnHand} − safety {levels[id].SafetyStock}"));
    }

    private async Task<Dictionary<ReservationStatus, int>> ReservationStatusesAsync(string sku)
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return (await db.Reservations.AsNoTracking().Where(r => r.Sku == sku).Select(r => r.Status).ToListAsync(Ct))
            .GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
    }
}

public sealed class SqliteConcurrencyTests(SqliteHub hub) : ConcurrencyTests<SqliteHub>(hub);

public sealed class PostgresConcurrencyTests(PostgresHub hub) : ConcurrencyTests<PostgresHub>(hub);
