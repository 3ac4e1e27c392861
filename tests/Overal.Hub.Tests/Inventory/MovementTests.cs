using System.Net;
using System.Text.Json.Nodes;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Inventory;

/// <summary>POST /api/stock/movements: every movement type, idempotent retries, and refusals that change nothing.</summary>
public abstract class MovementTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    private async Task<JsonNode> MoveOkAsync(object movement, string? idempotencyKey = null)
    {
        using var response = await Api.MoveAsync(movement, Ct, idempotencyKey);
        return await HubApi.ExpectAsync(response, HttpStatusCode.Created);
    }

    private async Task<int> OnHandAsync(string sku, string location) => (await Api.LevelsAsync(sku, Ct))[location].OnHand;

    [Theory]
    [InlineData("receipt", 5, 15)]
    [InlineData("return", 2, 12)]
    [InlineData("sale", 3, 7)]
    [InlineData("damage", 4, 6)]
    [InlineData("adjustment", -2, 8)]
    [InlineData("adjustment", 6, 16)]
    public async Task Movement_changes_on_hand_by_its_delta_and_writes_one_ledger_row(string type, int quantity, int expectedOnHand)
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["store-utrecht"] = 10 }, Ct);
        var rowsBefore = await Audit.LedgerRowsAsync(sku, Ct);

        var result = await MoveOkAsync(new { sku, locationId = "store-utrecht", type, quantity, reason = "test", reference = "REF-1" });

        var movement = result["movements"]!.AsArray().Single()!;
        Assert.Equal(type, (string)movement["type"]!);
        Assert.Equal(expectedOnHand - 10, (int)movement["delta"]!);
        Assert.Equal(expectedOnHand, (int)movement["onHandAfter"]!);
        Assert.Equal("REF-1", (string)movement["reference"]!);
        var level = result["levels"]!.AsArray().Single()!;
        Assert.Equal("store-utrecht", (string)level["locationId"]!);
        Assert.Equal(expectedOnHand, (int)level["onHand"]!);
        Assert.Equal(expectedOnHand, await OnHandAsync(sku, "store-utrecht"));
        Assert.Equal(rowsBefore + 1, await Audit.LedgerRowsAsync(sku, Ct));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Count_sets_on_hand_absolutely_and_records_the_difference()
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["warehouse"] = 3 }, Ct);

        var up = await MoveOkAsync(new { sku, locationId = "warehouse", type = "count", quantity = 7 });
        var down = await MoveOkAsync(new { sku, locationId = "warehouse", type = "count", quantity = 2 });
        var same = await MoveOkAsync(new { sku, locationId = "warehouse", type = "count", quantity = 2 });

        Assert.Equal((7, 4), ((int)up["movements"]![0]!["quantity"]!, (int)up["movements"]![0]!["delta"]!));
        Assert.Equal((2, -5), ((int)down["movements"]![0]!["quantity"]!, (int)down["movements"]![0]!["delta"]!));
        Assert.Equal(0, (int)same["movements"]![0]!["delta"]!);
        Assert.Equal(2, await OnHandAsync(sku, "warehouse"));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Transfer_writes_two_linked_ledger_rows_and_moves_the_units()
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10, ["store-leiden"] = 1 }, Ct);
        var rowsBefore = await Audit.LedgerRowsAsync(sku, Ct);

        var result = await MoveOkAsync(new { sku, locationId = "warehouse", toLocationId = "store-leiden", type = "transfer", quantity = 4 });

        var legs = result["movements"]!.AsArray();
        Assert.Equal(2, legs.Count);
        var outLeg = legs.Single(m => (string)m!["locationId"]! == "warehouse")!;
        var inLeg = legs.Single(m => (string)m!["locationId"]! == "store-leiden")!;
        Assert.Equal((-4, 6), ((int)outLeg["delta"]!, (int)outLeg["onHandAfter"]!));
        Assert.Equal((4, 5), ((int)inLeg["delta"]!, (int)inLeg["onHandAfter"]!));
        Assert.Equal("store-leiden", (string)outLeg["toLocationId"]!);
        Assert.NotNull(outLeg["transferId"]);
        Assert.Equal((string)outLeg["transferId"]!, (string)inLeg["transferId"]!);
        Assert.Equal(2, result["levels"]!.AsArray().Count);
        Assert.Equal(rowsBefore + 2, await Audit.LedgerRowsAsync(sku, Ct));
        var levels = await Api.LevelsAsync(sku, Ct);
        Assert.Equal((6, 5), (levels["warehouse"].OnHand, levels["store-leiden"].OnHand));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task Transfer_cannot_take_reserved_units_away()
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["warehouse"] = 5 }, Ct);
        await Api.ReserveOkAsync(new { sku, quantity = 4, channelId = "webshop", locationId = "warehouse", kind = "order" }, Ct);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.MoveAsync(new { sku, locationId = "warehouse", toLocationId = "store-delft", type = "transfer", quantity = 2 }, Ct);

        var problem = await HubApi.ExpectProblemAsync(response, HttpStatusCode.Conflict, "reserved");
        Assert.Equal(1, (int)problem["available"]!);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }

    [Fact]
    public async Task Sale_beyond_on_hand_is_a_409_and_changes_nothing()
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["store-breda"] = 2 }, Ct);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.MoveAsync(new { sku, locationId = "store-breda", type = "sale", quantity = 3 }, Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.Conflict, "Only 2 unit(s)");
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }

    [Fact]
    public async Task Retry_with_the_same_idempotency_key_returns_the_first_result_and_records_once()
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);
        var rowsBefore = await Audit.LedgerRowsAsync(sku, Ct);
        var body = new { sku, locationId = "warehouse", type = "receipt", quantity = 5, reference = "PO-7" };
        var key = $"receipt-{Guid.NewGuid()}";

        var first = await MoveOkAsync(body, key);
        using var retry = await Api.MoveAsync(body, Ct, key);
        var replayed = await HubApi.ExpectAsync(retry, HttpStatusCode.Created);

        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((string)first["movements"]![0]!["id"]!, (string)replayed["movements"]![0]!["id"]!);
        Assert.Equal(15, await OnHandAsync(sku, "warehouse"));
        Assert.Equal(rowsBefore + 1, await Audit.LedgerRowsAsync(sku, Ct));
    }

    [Fact]
    public async Task Same_idempotency_key_with_a_different_body_is_a_422_and_changes_nothing()
    {
        var sku = TakeSku();
        var key = $"receipt-{Guid.NewGuid()}";
        await MoveOkAsync(new { sku, locationId = "warehouse", type = "receipt", quantity = 5 }, key);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.MoveAsync(new { sku, locationId = "warehouse", type = "receipt", quantity = 50 }, Ct, key);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity, "different request");
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }

    /// <summary>Bodies with {sku} standing for the test's SKU; each must be refused with this status and detail.</summary>
    public static TheoryData<string, int, string> BadMovements => new()
    {
        { """{"sku":"{sku}","locationId":"warehouse","type":"receipt","quantity":""", 400, "not valid JSON" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"receipt","quantity":"five"}""", 400, "not valid JSON" },
        { """[1,2,3]""", 400, "not valid JSON" },
        { """{"locationId":"warehouse","type":"receipt","quantity":5}""", 400, "'sku' is required" },
        { """{"sku":"{sku}","type":"receipt","quantity":5}""", 400, "'locationId' is required" },
        { """{"sku":"{sku}","locationId":"warehouse","quantity":5}""", 400, "'type' is required" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"receipt"}""", 400, "'quantity' is required" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"receipt","quantity":0}""", 400, "must be positive" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"sale","quantity":-3}""", 400, "must be positive" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"adjustment","quantity":0}""", 400, "non-zero" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"count","quantity":-1}""", 400, "cannot be negative" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"receipt","quantity":1000000}""", 400, "beyond the limit" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"receipt","quantity":99999999999}""", 400, "not valid JSON" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"teleport","quantity":1}""", 400, "Unknown movement type 'teleport'" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"3","quantity":1}""", 400, "Unknown movement type '3'" },
        { """{"sku":"{sku}","locationId":"warehouse","type":"transfer","quantity":1}""", 400, "needs 'toLocationId'" },
        { """{"sku":"{sku}","locationId":"warehouse","toLocationId":"warehouse","type":"transfer","quantity":1}""", 400, "two different locations" },
        { """{"sku":"{sku}","locationId":"warehouse","toLocationId":"store-delft","type":"receipt","quantity":1}""", 400, "only for transfers" },
        { """{"sku":"NO-SUCH-SKU","locationId":"warehouse","type":"receipt","quantity":1}""", 404, "SKU 'NO-SUCH-SKU' does not exist" },
        { """{"sku":"{sku}","locationId":"atlantis","type":"receipt","quantity":1}""", 404, "Location 'atlantis' does not exist" },
        { """{"sku":"{sku}","locationId":"warehouse","toLocationId":"atlantis","type":"transfer","quantity":1}""", 404, "Location 'atlantis' does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadMovements))]
    public async Task Bad_movement_is_refused_with_a_problem_and_changes_nothing(string body, int status, string detail)
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.PostRawAsync("/api/stock/movements", body.Replace("{sku}", sku, StringComparison.Ordinal), Ct);

        await HubApi.ExpectProblemAsync(response, (HttpStatusCode)status, detail);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }

    [Fact]
    public async Task Oversized_body_is_a_413_and_changes_nothing()
    {
        var sku = TakeSku();
        var before = await Audit.SnapshotAsync(sku, Ct);

        using var response = await Api.MoveAsync(new { sku, locationId = "warehouse", type = "receipt", quantity = 1, reason = new string('x', 300 * 1024) }, Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "at most");
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
    }
}

public sealed class SqliteMovementTests(SqliteHub hub) : MovementTests<SqliteHub>(hub);

public sealed class PostgresMovementTests(PostgresHub hub) : MovementTests<PostgresHub>(hub);
