using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Inventory;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Api.Orders;

namespace Overal.Hub.Tests.Orders;

public sealed class OrderLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Actions = ["pick", "pack", "ship", "deliver", "ready-for-pickup", "collect", "cancel"];

    // What each status allows (home delivery order); everything else must be refused with 409 and change nothing.
    private static readonly Dictionary<OrderStatus, string[]> Allowed = new()
    {
        [OrderStatus.New] = ["cancel"],
        [OrderStatus.Allocated] = ["pick", "cancel"],
        [OrderStatus.Picking] = ["pack", "cancel"],
        [OrderStatus.Packed] = ["ship", "cancel"],
        [OrderStatus.Shipped] = ["deliver"],
        [OrderStatus.Delivered] = [],
        [OrderStatus.Cancelled] = [],
    };

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Every_illegal_transition_is_refused_with_409_and_changes_nothing(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 20 });
        var client = hub.CreateClient();

        foreach (var (status, allowed) in Allowed)
        {
            var id = await OrderInStatusAsync(client, sku, status);
            foreach (var action in Actions.Except(allowed))
            {
                var before = await SnapshotAsync(hub, client, sku, id);
                var response = await client.PostAsJsonAsync($"/api/orders/{id}/{action}", Body(action), Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{action} from {status} answered {response.StatusCode}");
                var problem = await OrdersHubFactory.ReadAsync<ProblemDetails>(response);
                Assert.Contains("cannot be", problem.Detail);
                Assert.Equal(before, await SnapshotAsync(hub, client, sku, id));
            }
        }
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Shipping_commits_the_reservation_and_a_subset_of_lines_can_ship_first(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var skus = await hub.SkusAsync(2);
        await hub.SetStockAsync(skus[0], new() { ["warehouse"] = 3 });
        await hub.SetStockAsync(skus[1], new() { ["warehouse"] = 3 });
        var client = hub.CreateClient();
        var id = await CreateAsync(client, "WEB-PART", (skus[0], 1), (skus[1], 2));
        await client.PostAsync($"/api/orders/{id}/pick", null, Ct);
        await client.PostAsync($"/api/orders/{id}/pack", null, Ct);
        var detail = await OrdersHubFactory.ReadAsync<OrderDetail>(await client.GetAsync($"/api/orders/{id}", Ct));

        var first = await client.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "PostNL", trackingNumber = "3SABC1", lines = new[] { detail.Lines[0].Id } }, Ct);
        var partial = await OrdersHubFactory.ReadAsync<OrderDetail>(first);
        Assert.Equal(OrderStatus.Packed, partial.Status);
        Assert.Equal(2, (await hub.LevelsAsync(skus[0])).Single(l => l.LocationId == "warehouse").OnHand);
        Assert.Equal(0, (await hub.LevelsAsync(skus[0])).Single(l => l.LocationId == "warehouse").Reserved);
        Assert.Equal(3, (await hub.LevelsAsync(skus[1])).Single(l => l.LocationId == "warehouse").OnHand);

        var rest = await OrdersHubFactory.ReadAsync<OrderDetail>(await client.PostAsJsonAsync($"/api/orders/{id}/ship", new { carrier = "PostNL", trackingNumber = "3SABC2" }, Ct));
        Assert.Equal(OrderStatus.Shipped, rest.Status);
        Assert.Equal(2, rest.Shipments.Count);
        Assert.Equal(1, (await hub.LevelsAsync(skus[1])).Single(l => l.LocationId == "warehouse").OnHand);
        Assert.All(rest.Allocations, a => Assert.Equal(AllocationStatus.Committed, a.Status));
        Assert.Equal(2, rest.ChannelActions.Count(a => a.Kind == ChannelActionKind.ShipmentConfirmed));
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Cancelling_an_order_frees_its_stock_for_every_channel(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 6 });
        var client = hub.CreateClient();
        var desiredBefore = await hub.DesiredAsync(sku);

        var id = await CreateAsync(client, "WEB-CANCEL", (sku, 2));
        Assert.Equal(2, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse").Reserved);
        Assert.Equal(desiredBefore["webshop"] - 2, (await hub.DesiredAsync(sku))["webshop"]);

        var cancelled = await OrdersHubFactory.ReadAsync<OrderDetail>(await client.PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "requested_by_customer" }, Ct));

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.All(cancelled.Allocations, a => Assert.Equal(AllocationStatus.Released, a.Status));
        Assert.Equal(0, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse").Reserved);
        Assert.Equal(desiredBefore, await hub.DesiredAsync(sku));
        var action = Assert.Single(cancelled.ChannelActions);
        Assert.Equal(ChannelActionKind.LinesCancelled, action.Kind);
        Assert.Contains("requested_by_customer", action.Payload);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_return_received_in_a_store_is_restocked_there_and_a_damaged_one_is_written_off(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 5, ["store-utrecht"] = 1 });
        var client = hub.CreateClient();
        var id = await OrderInStatusAsync(client, sku, OrderStatus.Shipped, quantity: 2);
        var lineId = (await OrdersHubFactory.ReadAsync<OrderDetail>(await client.GetAsync($"/api/orders/{id}", Ct))).Lines[0].Id;
        Assert.Equal(3, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse").OnHand);

        var restock = await client.PostAsJsonAsync($"/api/orders/{id}/returns",
            new { reason = "too small", lines = new[] { new { lineId, quantity = 1 } }, receive = new { locationId = "store-utrecht", disposition = "restock" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, restock.StatusCode);
        Assert.Equal(2, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "store-utrecht").OnHand);

        var damaged = await OrdersHubFactory.ReadAsync<OrderDetail>(await client.PostAsJsonAsync($"/api/orders/{id}/returns",
            new { reason = "broken zip", lines = new[] { new { lineId, quantity = 1 } }, receive = new { locationId = "warehouse", disposition = "damaged" } }, Ct));
        Assert.Equal(3, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "warehouse").OnHand);
        Assert.Equal(2, damaged.Lines[0].QuantityReturned);
        Assert.All(damaged.Returns, r => Assert.Equal(ReturnStatus.Received, r.Status));
        Assert.Equal(2, damaged.ChannelActions.Count(a => a.Kind == ChannelActionKind.ReturnReceived));
        var movements = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().StockMovements.AsNoTracking()
            .Where(m => m.Sku == sku && m.Source == "returns").Select(m => m.Type).ToListAsync(Ct));
        Assert.Equal([MovementType.Return, MovementType.Return, MovementType.Damage], movements.Order());

        var tooMany = await client.PostAsJsonAsync($"/api/orders/{id}/returns", new { reason = "again", lines = new[] { new { lineId, quantity = 1 } } }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        var refund = await client.PostAsJsonAsync($"/api/orders/{id}/returns/{damaged.Returns[0].Id}/refund", new { status = "refunded" }, Ct);
        Assert.Equal(RefundStatus.Refunded, (await OrdersHubFactory.ReadAsync<OrderDetail>(refund)).Returns[0].RefundStatus);
    }

    private static object Body(string action) => action switch
    {
        "ship" => new { carrier = "PostNL", trackingNumber = "3SXYZ" },
        "cancel" => new { reason = "requested_by_customer" },
        _ => new { },
    };

    internal static async Task<Guid> CreateAsync(HttpClient client, string externalId, params (string Sku, int Quantity)[] lines)
    {
        var response = await client.PostAsJsonAsync("/api/orders", new
        {
            channelId = "webshop",
            externalId,
            lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, unitPriceInclVat = 60m }).ToArray(),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await OrdersHubFactory.ReadAsync<OrderDetail>(response)).Id;
    }

    private static async Task<Guid> OrderInStatusAsync(HttpClient client, string sku, OrderStatus status, int quantity = 1)
    {
        if (status == OrderStatus.New)
        {
            // A line larger than all stock stays a backorder, so the order stays new.
            return await CreateAsync(client, $"WEB-{Guid.NewGuid():N}", (sku, 1000));
        }
        var id = await CreateAsync(client, $"WEB-{Guid.NewGuid():N}", (sku, quantity));
        string[] path = status switch
        {
            OrderStatus.Allocated => [],
            OrderStatus.Picking => ["pick"],
            OrderStatus.Packed => ["pick", "pack"],
            OrderStatus.Shipped => ["pick", "pack", "ship"],
            OrderStatus.Delivered => ["pick", "pack", "ship", "deliver"],
            OrderStatus.Cancelled => ["cancel"],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
        {
            var response = await client.PostAsJsonAsync($"/api/orders/{id}/{step}", Body(step), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(status, (await OrdersHubFactory.ReadAsync<OrderDetail>(await client.GetAsync($"/api/orders/{id}", Ct))).Status);
        return id;
    }

    private static async Task<string> SnapshotAsync(OrdersHubFactory hub, HttpClient client, string sku, Guid id)
    {
        var d = await OrdersHubFactory.ReadAsync<OrderDetail>(await client.GetAsync($"/api/orders/{id}", Ct));
        var levels = string.Join(";", (await hub.LevelsAsync(sku)).OrderBy(l => l.LocationId).Select(l => $"{l.LocationId}:{l.OnHand}/{l.Reserved}"));
        return $"{d.Status}|{d.UpdatedAt.ToUnixTimeMilliseconds()}|{string.Join(",", d.Lines.Select(l => l.Status))}|{string.Join(",", d.Allocations.Select(a => a.Status))}|" +
            $"{d.Shipments.Count}|{d.Timeline.Count}|{d.ChannelActions.Count}|{levels}";
    }
}
