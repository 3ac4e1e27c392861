using System.Net;
using System.Text.Json.Nodes;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Inventory;

/// <summary>Cart holds and order allocations: allocation order, refusals, commit, release and expiry.</summary>
public abstract class ReservationTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    /// <summary>webshop's pool in priority order is warehouse, store-amsterdam, store-rotterdam, … (stores keep 1 unit of safety stock).</summary>
    private async Task<string> SkuWithWebshopStockAsync(int warehouse, int amsterdam, int rotterdam)
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = warehouse, ["store-amsterdam"] = amsterdam, ["store-rotterdam"] = rotterdam }, Ct);
        return sku;
    }

    private static Dictionary<string, int> Allocations(JsonNode reservation) =>
        reservation["allocations"]!.AsArray().ToDictionary(a => (string)a!["locationId"]!, a => (int)a!["quantity"]!);

    /// <summary>Past any default cart hold; kept modest because the sweeper's 1 s timer fires once per elapsed second of fake time.</summary>
    private static readonly TimeSpan ReservationHoldLimit = TimeSpan.FromHours(2);

    private async Task<HttpResponseMessage> PostAsync(string path) => await Api.PostRawAsync(path, "", Ct);

    [Fact]
    public async Task Hold_allocates_over_the_pool_in_priority_order()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 2, amsterdam: 3, rotterdam: 5);

        var hold = await Api.ReserveOkAsync(new { sku, quantity = 5, channelId = "webshop", kind = "cart", reference = "cart-1" }, Ct);

        Assert.Equal("active", (string)hold["status"]!);
        Assert.Equal(sku, (string)hold["sku"]!);
        Assert.Equal(new Dictionary<string, int> { ["warehouse"] = 2, ["store-amsterdam"] = 2, ["store-rotterdam"] = 1 }, Allocations(hold));
        Assert.Equal(Hub.Clock.GetUtcNow().AddMinutes(30), DateTimeOffset.Parse((string)hold["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        var levels = await Api.LevelsAsync(sku, Ct);
        Assert.Equal((2, 0), (levels["warehouse"].Reserved, levels["warehouse"].Atp));
        Assert.Equal((2, 0), (levels["store-amsterdam"].Reserved, levels["store-amsterdam"].Atp));
        Assert.Equal((1, 3), (levels["store-rotterdam"].Reserved, levels["store-rotterdam"].Atp));
        var fetched = await Api.GetJsonAsync($"/api/reservations/{hold["id"]}", Ct);
        Assert.Equal(Allocations(hold), Allocations(fetched));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Hold_at_one_location_takes_only_from_there()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 10, amsterdam: 3, rotterdam: 5);

        var hold = await Api.ReserveOkAsync(new { sku, quantity = 4, channelId = "webshop", kind = "cart", locationId = "store-rotterdam" }, Ct);

        Assert.Equal(new Dictionary<string, int> { ["store-rotterdam"] = 4 }, Allocations(hold));
    }

    [Fact]
    public async Task Not_enough_stock_is_a_409_saying_how_many_are_available_and_changes_nothing()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 2, amsterdam: 3, rotterdam: 1);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.ReserveAsync(new { sku, quantity = 5, channelId = "webshop", kind = "cart" }, Ct);

        var problem = await HubApi.ExpectProblemAsync(response, HttpStatusCode.Conflict, "Only 4 unit(s)");
        Assert.Equal(4, (int)problem["available"]!);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }

    [Fact]
    public async Task Commit_turns_the_allocations_into_sales()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 2, amsterdam: 4, rotterdam: 0);
        var hold = await Api.ReserveOkAsync(new { sku, quantity = 3, channelId = "webshop", kind = "cart", reference = "order-42" }, Ct);
        var rowsBefore = await Audit.LedgerRowsAsync(sku, Ct);

        using var response = await PostAsync($"/api/reservations/{hold["id"]}/commit");

        var committed = await HubApi.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("committed", (string)committed["status"]!);
        Assert.Equal(rowsBefore + 2, await Audit.LedgerRowsAsync(sku, Ct));
        var levels = await Api.LevelsAsync(sku, Ct);
        Assert.Equal((0, 0), (levels["warehouse"].OnHand, levels["warehouse"].Reserved));
        Assert.Equal((3, 0), (levels["store-amsterdam"].OnHand, levels["store-amsterdam"].Reserved));
        var movements = (await Api.GetJsonAsync($"/api/stock/{sku}/movements?take=1000", Ct)).AsArray()
            .Where(m => (string?)m!["source"] == "channel:webshop").ToList();
        Assert.Equal(2, movements.Count);
        Assert.All(movements, m =>
        {
            Assert.Equal("sale", (string)m!["type"]!);
            Assert.Equal("order-42", (string)m["reference"]!);
        });
        Assert.Equal(3, movements.Sum(m => (int)m!["quantity"]!));
        Assert.Equal("committed", (string)(await Api.GetJsonAsync($"/api/reservations/{hold["id"]}", Ct))["status"]!);
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Release_gives_the_units_back_without_a_ledger_row()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 0, rotterdam: 0);
        var hold = await Api.ReserveOkAsync(new { sku, quantity = 3, channelId = "webshop", kind = "order" }, Ct);
        var rowsBefore = await Audit.LedgerRowsAsync(sku, Ct);

        using var response = await PostAsync($"/api/reservations/{hold["id"]}/release");

        Assert.Equal("released", (string)(await HubApi.ExpectAsync(response, HttpStatusCode.OK))["status"]!);
        Assert.Equal((5, 0), ((await Api.LevelsAsync(sku, Ct))["warehouse"].OnHand, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved));
        Assert.Equal(rowsBefore, await Audit.LedgerRowsAsync(sku, Ct));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Theory]
    [InlineData("commit", "commit", "is committed")]
    [InlineData("release", "release", "is released")]
    [InlineData("commit", "release", "is committed")]
    [InlineData("release", "commit", "is released")]
    public async Task A_closed_reservation_cannot_be_closed_again(string first, string second, string detail)
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 0, rotterdam: 0);
        var hold = await Api.ReserveOkAsync(new { sku, quantity = 1, channelId = "webshop", kind = "cart" }, Ct);
        using var firstResponse = await PostAsync($"/api/reservations/{hold["id"]}/{first}");
        await HubApi.ExpectAsync(firstResponse, HttpStatusCode.OK);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await PostAsync($"/api/reservations/{hold["id"]}/{second}");

        var problem = await HubApi.ExpectProblemAsync(response, HttpStatusCode.Conflict, detail);
        Assert.Equal(first == "commit" ? "committed" : "released", (string)problem["reservationStatus"]!);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }

    [Fact]
    public async Task Cart_hold_expires_by_the_sweeper_after_its_time_and_not_before()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 0, rotterdam: 0);
        var hold = await Api.ReserveOkAsync(new { sku, quantity = 2, channelId = "webshop", kind = "cart", expiresInSeconds = 60 }, Ct);
        var path = $"/api/reservations/{hold["id"]}";

        Hub.Clock.Advance(TimeSpan.FromSeconds(59));
        await Audit.SweepAsync(Ct);
        Assert.Equal("active", (string)(await Api.GetJsonAsync(path, Ct))["status"]!);
        Assert.Equal(2, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved);

        Hub.Clock.Advance(TimeSpan.FromSeconds(2));
        await Audit.SweepAsync(Ct);
        Assert.Equal("expired", (string)(await Api.GetJsonAsync(path, Ct))["status"]!);
        Assert.Equal((5, 0), ((await Api.LevelsAsync(sku, Ct))["warehouse"].OnHand, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved));
        using var commit = await PostAsync($"{path}/commit");
        await HubApi.ExpectProblemAsync(commit, HttpStatusCode.Conflict, "expired");
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Background_sweeper_expires_a_due_hold_on_its_own_within_five_seconds()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 0, rotterdam: 0);
        var hold = await Api.ReserveOkAsync(new { sku, quantity = 1, channelId = "webshop", kind = "cart", expiresInSeconds = 30 }, Ct);
        var path = $"/api/reservations/{hold["id"]}";

        // No SweepAsync here: the hosted sweeper's 1 s timer runs on the (fake) clock and must do it by itself.
        Hub.Clock.Advance(TimeSpan.FromSeconds(31));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string? status;
        do
        {
            status = (string?)(await Api.GetJsonAsync(path, Ct))["status"];
            if (status == "expired") break;
            Hub.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal("expired", status);
        Assert.Equal(0, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved);
    }

    [Fact]
    public async Task Cart_hold_past_its_expiry_cannot_be_committed_whether_or_not_the_sweeper_got_to_it()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 0, rotterdam: 0);
        var hold = await Api.ReserveOkAsync(new { sku, quantity = 1, channelId = "webshop", kind = "cart", expiresInSeconds = 10 }, Ct);
        var rowsBefore = await Audit.LedgerRowsAsync(sku, Ct);

        Hub.Clock.Advance(TimeSpan.FromSeconds(11));
        using var commit = await PostAsync($"/api/reservations/{hold["id"]}/commit");

        await HubApi.ExpectProblemAsync(commit, HttpStatusCode.Conflict, "expired");
        Assert.Equal(rowsBefore, await Audit.LedgerRowsAsync(sku, Ct));
        Assert.Equal(5, (await Api.LevelsAsync(sku, Ct))["warehouse"].OnHand);
    }

    [Fact]
    public async Task Order_allocations_do_not_expire()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 0, rotterdam: 0);
        var order = await Api.ReserveOkAsync(new { sku, quantity = 2, channelId = "webshop", kind = "order" }, Ct);
        Assert.Null((string?)order["expiresAt"]);

        Hub.Clock.Advance(ReservationHoldLimit);
        await Audit.SweepAsync(Ct);

        Assert.Equal("active", (string)(await Api.GetJsonAsync($"/api/reservations/{order["id"]}", Ct))["status"]!);
        Assert.Equal(2, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved);
        using var commit = await PostAsync($"/api/reservations/{order["id"]}/commit");
        await HubApi.ExpectAsync(commit, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_count_below_what_is_reserved_lets_no_new_hold_through()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 6, amsterdam: 0, rotterdam: 0);
        await Api.ReserveOkAsync(new { sku, quantity = 4, channelId = "webshop", kind = "order" }, Ct);
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["warehouse"] = 3 }, Ct);

        using var response = await Api.ReserveAsync(new { sku, quantity = 1, channelId = "webshop", kind = "cart", locationId = "warehouse" }, Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.Conflict, "Only 0 unit(s)");
        var warehouse = (await Api.LevelsAsync(sku, Ct))["warehouse"];
        Assert.Equal((3, 4, 0), (warehouse.OnHand, warehouse.Reserved, warehouse.Atp));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Retry_with_the_same_idempotency_key_reserves_once()
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 0, rotterdam: 0);
        var body = new { sku, quantity = 2, channelId = "webshop", kind = "cart" };
        var key = $"hold-{Guid.NewGuid()}";

        using var first = await Api.ReserveAsync(body, Ct, key);
        using var retry = await Api.ReserveAsync(body, Ct, key);

        var a = await HubApi.ExpectAsync(first, HttpStatusCode.Created);
        var b = await HubApi.ExpectAsync(retry, HttpStatusCode.Created);
        Assert.Equal((string)a["id"]!, (string)b["id"]!);
        Assert.Equal(2, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved);
    }

    public static TheoryData<string, int, string> BadReservations => new()
    {
        { """{"sku":"{sku}","quantity":1,"channelId":"bol","kind":"cart","locationId":"store-amsterdam"}""", 400, "not in channel 'bol''s stock pool" },
        { """{"sku":"{sku}","quantity":1,"channelId":"webshop","kind":"cart","locationId":"atlantis"}""", 404, "Location 'atlantis' does not exist" },
        { """{"sku":"{sku}","quantity":1,"channelId":"myspace","kind":"cart"}""", 404, "Channel 'myspace' does not exist" },
        { """{"sku":"NO-SUCH-SKU","quantity":1,"channelId":"webshop","kind":"cart"}""", 404, "SKU 'NO-SUCH-SKU' does not exist" },
        { """{"sku":"{sku}","quantity":0,"channelId":"webshop","kind":"cart"}""", 400, "must be positive" },
        { """{"sku":"{sku}","quantity":-2,"channelId":"webshop","kind":"cart"}""", 400, "must be positive" },
        { """{"sku":"{sku}","quantity":50000,"channelId":"webshop","kind":"cart"}""", 400, "beyond the limit" },
        { """{"sku":"{sku}","channelId":"webshop","kind":"cart"}""", 400, "'quantity' is required" },
        { """{"sku":"{sku}","quantity":1,"kind":"cart"}""", 400, "'channelId' is required" },
        { """{"quantity":1,"channelId":"webshop","kind":"cart"}""", 400, "'sku' is required" },
        { """{"sku":"{sku}","quantity":1,"channelId":"webshop"}""", 400, "'kind' is required" },
        { """{"sku":"{sku}","quantity":1,"channelId":"webshop","kind":"gift"}""", 400, "Unknown reservation kind 'gift'" },
        { """{"sku":"{sku}","quantity":1,"channelId":"webshop","kind":"order","expiresInSeconds":60}""", 400, "do not expire" },
        { """{"sku":"{sku}","quantity":1,"channelId":"webshop","kind":"cart","expiresInSeconds":0}""", 400, "'expiresInSeconds' must be between" },
        { """{"sku":"{sku}","quantity":1,"channelId":"webshop","kind":""", 400, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadReservations))]
    public async Task Bad_reservation_is_refused_with_a_problem_and_changes_nothing(string body, int status, string detail)
    {
        var sku = await SkuWithWebshopStockAsync(warehouse: 5, amsterdam: 5, rotterdam: 0);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.PostRawAsync("/api/reservations", body.Replace("{sku}", sku, StringComparison.Ordinal), Ct);

        await HubApi.ExpectProblemAsync(response, (HttpStatusCode)status, detail);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }

    [Fact]
    public async Task Unknown_reservation_is_a_404_problem()
    {
        using var get = await Client.GetAsync($"/api/reservations/{Guid.NewGuid()}", Ct);
        using var commit = await PostAsync($"/api/reservations/{Guid.NewGuid()}/commit");

        await HubApi.ExpectProblemAsync(get, HttpStatusCode.NotFound, "does not exist");
        await HubApi.ExpectProblemAsync(commit, HttpStatusCode.NotFound, "does not exist");
    }
}

public sealed class SqliteReservationTests(SqliteHub hub) : ReservationTests<SqliteHub>(hub);

public sealed class PostgresReservationTests(PostgresHub hub) : ReservationTests<PostgresHub>(hub);
