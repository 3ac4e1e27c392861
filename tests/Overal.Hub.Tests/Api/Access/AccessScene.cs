using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Alerts;
using Overal.Hub.Channels;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Api.Access;

/// <summary>Resources at a store, made by the admin key, for the access tests to act on; and a fingerprint of all state.</summary>
public sealed class AccessScene(AccessHubFactory hub, HubApi admin, string sku)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Sku => sku;

    /// <summary>The scene outlives a test, so it has its own admin client rather than the test's.</summary>
    public static async Task<AccessScene> CreateAsync(AccessHubFactory hub, string sku)
    {
        var admin = new HubApi(hub.CreateClient());
        await admin.SetOnHandAsync(sku, new Dictionary<string, int> { [AccessHubFactory.StoreA] = 100_000, [AccessHubFactory.StoreB] = 100_000 }, Ct);
        return new AccessScene(hub, admin, sku);
    }

    public object ClickAndCollectOrder(string store) => new
    {
        channelId = "webshop",
        delivery = new { kind = "click_and_collect", storeLocationId = store },
        lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 40m } },
    };

    /// <summary>A click &amp; collect order allocated at the store.</summary>
    public async Task<Guid> OrderAtAsync(string store)
    {
        var order = await ExpectAsync(await admin.PostAsync("/api/orders", ClickAndCollectOrder(store), Ct), HttpStatusCode.Created);
        Assert.Contains(order["allocations"]!.AsArray(), a => (string)a!["locationId"]! == store);
        return Guid.Parse((string)order["id"]!);
    }

    /// <summary>An order collected at the store, and its line.</summary>
    public async Task<(Guid Order, Guid Line)> CollectedOrderAtAsync(string store)
    {
        var id = await OrderAtAsync(store);
        await ExpectAsync(await admin.PostRawAsync($"/api/orders/{id}/ready-for-pickup", "", Ct), HttpStatusCode.OK);
        var order = await ExpectAsync(await admin.PostRawAsync($"/api/orders/{id}/collect", "", Ct), HttpStatusCode.OK);
        return (id, Guid.Parse((string)order["lines"]![0]!["id"]!));
    }

    /// <summary>A return requested on an order collected at the store; received there when asked.</summary>
    public async Task<(Guid Order, Guid Return)> ReturnAtAsync(string store, bool receive)
    {
        var (id, line) = await CollectedOrderAtAsync(store);
        var order = await ExpectAsync(await admin.PostAsync($"/api/orders/{id}/returns", new
        {
            reason = "too small",
            lines = new[] { new { lineId = line, quantity = 1 } },
            receive = receive ? new { locationId = store, disposition = "restock" } : null,
        }, Ct), HttpStatusCode.Created);
        return (id, Guid.Parse((string)order["returns"]![0]!["id"]!));
    }

    public async Task<Guid> ReservationAtAsync(string store)
    {
        var reservation = await admin.ReserveOkAsync(new { sku, quantity = 1, channelId = "stores", locationId = store, kind = "cart" }, Ct);
        return Guid.Parse((string)reservation["id"]!);
    }

    /// <summary>Everything an API call could change: stock, holds, orders, returns, channel work, alerts, the demo switch.</summary>
    public async Task<string> FingerprintAsync()
    {
        using var scope = hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var text = new StringBuilder();
        text.AppendLine($"movements {await db.StockMovements.CountAsync(Ct)}");
        foreach (var l in await db.StockLevels.AsNoTracking().OrderBy(l => l.Sku).ThenBy(l => l.LocationId).Select(l => new { l.Sku, l.LocationId, l.OnHand, l.Reserved }).ToListAsync(Ct))
        {
            text.AppendLine($"level {l.Sku} {l.LocationId} {l.OnHand} {l.Reserved}");
        }
        foreach (var r in await db.Reservations.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Status }).ToListAsync(Ct)) text.AppendLine($"hold {r.Id} {r.Status}");
        foreach (var o in await db.Set<Order>().AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Status, o.UpdatedAt }).ToListAsync(Ct))
        {
            text.AppendLine($"order {o.Id} {o.Status} {o.UpdatedAt:O}");
        }
        foreach (var r in await db.Set<OrderReturn>().AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.RefundStatus }).ToListAsync(Ct))
        {
            text.AppendLine($"return {r.Id} {r.Status} {r.RefundStatus}");
        }
        text.AppendLine($"actions {await db.Set<ChannelAction>().CountAsync(Ct)}");
        text.AppendLine($"reconciliations {await db.Set<Overal.Core.Sync.ReconciliationRun>().CountAsync(Ct)}");
        text.AppendLine($"idempotency {await db.IdempotencyRecords.CountAsync(Ct)}");
        // Alerts come and go with the evaluator; what a call could change is an acknowledgement or a mute.
        foreach (var a in hub.Services.GetRequiredService<AlertBoard>().All().Where(a => a.AcknowledgedAt is not null || a.MutedUntil is not null)) text.AppendLine($"alert {a.Id} {a.AcknowledgedAt:O} {a.MutedUntil:O}");
        var demo = hub.Services.GetRequiredService<DemoTrafficSettings>();
        text.AppendLine($"demo {demo.Enabled} {demo.SalesPerMinute} {demo.OrdersPerMinute}");
        return text.ToString();
    }

    private static Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response) return HubApi.ExpectAsync(response, status);
    }
}
