using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Hub.Dashboard.Data;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Inventory;

/// <summary>Oversells prevented: every hold refused for want of stock is recorded, outside the refused transaction.</summary>
public abstract class StockRefusalTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    private async Task<List<StockRefusal>> RefusalsAsync(string sku)
    {
        using var scope = Hub.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Set<StockRefusal>().AsNoTracking().Where(r => r.Sku == sku).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_refused_hold_is_counted_as_an_oversell_prevented_and_leaves_no_other_trace()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 2, ["store-amsterdam"] = 3 }, Ct);
        var before = await Audit.SnapshotAsync(sku, Ct);
        var stats = Hub.Services.GetRequiredService<OrderStats>();
        var preventedBefore = (await stats.FiguresAsync(Ct)).Channels.FirstOrDefault(c => c.ChannelId == "webshop")?.OversellsPrevented ?? 0;

        using var response = await Api.ReserveAsync(new { sku, quantity = 5, channelId = "webshop", kind = "cart", reference = "cart-refused" }, Ct);

        var problem = await HubApi.ExpectProblemAsync(response, HttpStatusCode.Conflict, "Only 4 unit(s)");
        Assert.Equal(4, (int)problem["available"]!);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
        var refusal = Assert.Single(await RefusalsAsync(sku));
        Assert.Equal(("webshop", 5, 4, (string?)null), (refusal.ChannelId, refusal.Requested, refusal.Available, refusal.LocationId));
        Assert.Equal(Hub.Clock.GetUtcNow(), refusal.At, TimeSpan.FromMilliseconds(1));
        var webshop = Assert.Single((await stats.FiguresAsync(Ct)).Channels, c => c.ChannelId == "webshop");
        Assert.Equal(preventedBefore + 1, webshop.OversellsPrevented);
        var api = await Api.GetJsonAsync("/api/orders/stats", Ct);
        Assert.Equal(webshop.OversellsPrevented, (int)api["channels"]!.AsArray().Single(c => (string)c!["channelId"]! == "webshop")!["oversellsPrevented"]!);
    }

    [Fact]
    public async Task A_hold_that_gets_its_units_and_a_refusal_for_another_reason_record_nothing()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 2 }, Ct);

        await Api.ReserveOkAsync(new { sku, quantity = 2, channelId = "webshop", kind = "cart" }, Ct);
        using var unknown = await Api.ReserveAsync(new { sku, quantity = 1, channelId = "no-such-channel", kind = "cart" }, Ct);
        using var invalid = await Api.ReserveAsync(new { sku, quantity = 0, channelId = "webshop", kind = "cart" }, Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (unknown.StatusCode, invalid.StatusCode));
        Assert.Empty(await RefusalsAsync(sku));
    }

    [Fact]
    public async Task A_failing_refusal_write_is_logged_and_swallowed()
    {
        var sku = TakeSku();
        var refusal = new StockRefusal { Id = Guid.CreateVersion7(), ChannelId = "webshop", Sku = sku, Requested = 2, Available = 1, At = Hub.Clock.GetUtcNow() };
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var recorder = Hub.Services.GetRequiredService<StockRefusalRecorder>();

        await recorder.RecordAsync(new SqlRunner(db), refusal);
        // The same id again breaks the primary key: the write fails, the caller does not.
        await recorder.RecordAsync(new SqlRunner(db), refusal);

        Assert.Single(await RefusalsAsync(sku));
    }
}

public sealed class SqliteStockRefusalTests(SqliteHub hub) : StockRefusalTests<SqliteHub>(hub);

public sealed class PostgresStockRefusalTests(PostgresHub hub) : StockRefusalTests<PostgresHub>(hub);
