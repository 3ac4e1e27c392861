using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Inventory;

/// <summary>
/// Idempotency-Key retries after a crash between the effect's commit and the recorded answer (issue #10 item 3): the
/// answer is stored in the effect's own transaction, so the retry replays it instead of running the effect again.
/// </summary>
public abstract class IdempotencyAfterCrashTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : CrashAfterCommitHub
{
    private async Task<(HttpStatusCode Status, string Body, bool Replayed)> PostAsync(string path, object? body, string key, bool crash = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body is null ? "" : JsonSerializer.Serialize(body, HubApi.Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        if (crash) request.Headers.Add(CrashAfterCommitHub.Header, "1");
        using var response = await Client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct),
            response.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Contains("true"));
    }

    private async Task<List<Reservation>> ReservationsAsync(string sku)
    {
        using var scope = Hub.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Reservations.AsNoTracking().Where(r => r.Sku == sku).ToListAsync(Ct);
    }

    /// <summary>The crashed request's claim is older than the hub's abandoned-claim window by the time the client retries.</summary>
    private void TimePassesBeforeTheRetry() => Hub.Clock.Advance(TimeSpan.FromMinutes(3));

    [Fact]
    public async Task A_hold_that_committed_before_the_crash_is_replayed_on_retry_and_held_once()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);
        var key = $"hold-{Guid.NewGuid():N}";
        var hold = new { sku, quantity = 2, channelId = "webshop", kind = "cart", reference = "crash-hold" };

        var crashed = await PostAsync("/api/reservations", hold, key, crash: true);
        Assert.Equal(HttpStatusCode.InternalServerError, crashed.Status);
        TimePassesBeforeTheRetry();
        var retry = await PostAsync("/api/reservations", hold, key);
        var again = await PostAsync("/api/reservations", hold, key);

        Assert.True(retry.Status == HttpStatusCode.Created, $"Retry answered {(int)retry.Status}: {retry.Body}");
        Assert.True(retry.Replayed, "The retry ran the hold again instead of replaying the first answer.");
        var only = Assert.Single(await ReservationsAsync(sku));
        Assert.Equal(ReservationStatus.Active, only.Status);
        Assert.Equal(only.Id.ToString(), (string)JsonNode.Parse(retry.Body)!["id"]!);
        Assert.Equal((HttpStatusCode.Created, retry.Body, true), again);
        Assert.Equal(2, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved);
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task A_commit_that_succeeded_before_the_crash_is_replayed_on_retry_instead_of_a_409()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);
        var hold = await Api.ReserveOkAsync(new { sku, quantity = 3, channelId = "webshop", kind = "cart" }, Ct);
        var key = $"commit-{Guid.NewGuid():N}";

        var crashed = await PostAsync($"/api/reservations/{hold["id"]}/commit", null, key, crash: true);
        Assert.Equal(HttpStatusCode.InternalServerError, crashed.Status);
        TimePassesBeforeTheRetry();
        var retry = await PostAsync($"/api/reservations/{hold["id"]}/commit", null, key);

        Assert.True(retry.Status == HttpStatusCode.OK, $"Retry answered {(int)retry.Status}: {retry.Body}");
        Assert.True(retry.Replayed);
        Assert.Equal("committed", (string)JsonNode.Parse(retry.Body)!["status"]!);
        Assert.Equal((7, 0), ((await Api.LevelsAsync(sku, Ct))["warehouse"].OnHand, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved));
        await Audit.AssertConsistentAsync(sku, Ct);
    }

    [Fact]
    public async Task A_movement_that_committed_before_the_crash_is_replayed_on_retry_and_recorded_once()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);
        var rows = await Audit.LedgerRowsAsync(sku, Ct);
        var key = $"move-{Guid.NewGuid():N}";
        var receipt = new { sku, locationId = "warehouse", type = "receipt", quantity = 4 };

        Assert.Equal(HttpStatusCode.InternalServerError, (await PostAsync("/api/stock/movements", receipt, key, crash: true)).Status);
        TimePassesBeforeTheRetry();
        var retry = await PostAsync("/api/stock/movements", receipt, key);

        Assert.Equal((HttpStatusCode.Created, true), (retry.Status, retry.Replayed));
        Assert.Equal(rows + 1, await Audit.LedgerRowsAsync(sku, Ct));
        Assert.Equal(14, (await Api.LevelsAsync(sku, Ct))["warehouse"].OnHand);
    }

    [Fact]
    public async Task After_a_crash_the_same_key_with_another_body_is_a_422_and_changes_nothing()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);
        var key = $"hold-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.InternalServerError,
            (await PostAsync("/api/reservations", new { sku, quantity = 2, channelId = "webshop", kind = "cart" }, key, crash: true)).Status);
        TimePassesBeforeTheRetry();
        var before = await Audit.SnapshotAsync(sku, Ct);

        var other = await PostAsync("/api/reservations", new { sku, quantity = 5, channelId = "webshop", kind = "cart" }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal(before, await Audit.SnapshotAsync(sku, Ct));
        Assert.Single(await ReservationsAsync(sku));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_hold_once()
    {
        var sku = TakeSku();
        await Api.SetOnlyStockAsync(sku, new Dictionary<string, int> { ["warehouse"] = 10 }, Ct);
        var key = $"hold-{Guid.NewGuid():N}";
        var hold = new { sku, quantity = 1, channelId = "webshop", kind = "cart" };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await PostAsync("/api/reservations", hold, key);
        })).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(racing);

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)r.Status}: {r.Body}"));
        Assert.Single(results, r => r.Status == HttpStatusCode.Created && !r.Replayed);
        Assert.Single(await ReservationsAsync(sku));
        Assert.Equal(1, (await Api.LevelsAsync(sku, Ct))["warehouse"].Reserved);
    }
}

public sealed class SqliteIdempotencyAfterCrashTests(SqliteCrashAfterCommitHub hub) : IdempotencyAfterCrashTests<SqliteCrashAfterCommitHub>(hub);

public sealed class PostgresIdempotencyAfterCrashTests(PostgresCrashAfterCommitHub hub) : IdempotencyAfterCrashTests<PostgresCrashAfterCommitHub>(hub);
