using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Orders;
using Overal.Hub.Dashboard.Data;
using Overal.Hub.Tests.Orders;

namespace Overal.Hub.Tests.Dashboard;

/// <summary>
/// A till sale is a store sale: its own delivery kind, numbered by its receipt, complete, and out of the work queue and the
/// Overview's order figures unless asked for.
/// </summary>
public sealed class StoreSaleTests
{
    private const string Secret = "store-sale-tests-secret";
    private static readonly DashboardScope Admin = new("admin", null, CanAdjust: true, CanOperate: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrdersHubFactory Hub(string provider) => new(provider, new()
    {
        ["Channels:Lightspeed:AccessToken"] = "token",
        ["Channels:Lightspeed:BaseUrl"] = "http://127.0.0.1:9/",
        ["Channels:Lightspeed:WebhookSecret"] = Secret,
        ["Channels:Lightspeed:PollSeconds"] = "3600",
        ["Channels:Lightspeed:Outlets:outlet-utr"] = "store-utrecht",
    });

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_till_sale_is_a_completed_store_sale_numbered_by_its_receipt_and_left_out_of_the_work_queue_and_the_order_figures(string provider)
    {
        await using var hub = Hub(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10, ["store-utrecht"] = 5 });
        var client = hub.CreateClient();
        var open = await OrderLifecycleTests.CreateAsync(client, "WEB-OPEN", (sku, 1));
        var saleId = Guid.CreateVersion7().ToString();

        var receipt = await PostSaleAsync(client, saleId, "UTR-1042", sku, Ct);

        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var listed = await client.GetFromJsonAsync<JsonObject>("/api/orders?channel=stores", Ct);
        var sale = Assert.Single(listed!["items"]!.AsArray())!;
        Assert.Equal(saleId, sale["externalId"]!.GetValue<string>());
        Assert.Equal("store_sale", sale["deliveryKind"]!.GetValue<string>());
        Assert.Equal("completed", sale["status"]!.GetValue<string>());
        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/orders/{sale["id"]}", Ct);
        Assert.Equal("UTR-1042", detail!["receiptNumber"]?.GetValue<string>());

        var data = hub.Services.GetRequiredService<OrderData>();
        // The queue's default is the open orders; the till sale is not work.
        var queue = await data.QueueAsync(Admin, OrderQueueFilter.Open, 0, 50, Ct);
        Assert.Equal([open], queue.Rows.Select(r => r.Id));
        // Even with every status it stays out, until store sales are asked for; then it carries its receipt number.
        Assert.Equal([open], (await data.QueueAsync(Admin, new OrderQueueFilter(), 0, 50, Ct)).Rows.Select(r => r.Id));
        var sales = await data.QueueAsync(Admin, new OrderQueueFilter(Delivery: DeliveryKind.StoreSale), 0, 50, Ct);
        Assert.Equal("UTR-1042", Assert.Single(sales.Rows).Number);
        // Searching by the receipt number finds it too.
        Assert.Single((await data.QueueAsync(Admin, new OrderQueueFilter(Delivery: DeliveryKind.StoreSale, Search: "utr-1042"), 0, 50, Ct)).Rows);
        // Several statuses at once.
        Assert.Equal([open], (await data.QueueAsync(Admin, new OrderQueueFilter(Statuses: [OrderStatus.New, OrderStatus.Allocated, OrderStatus.Completed]), 0, 50, Ct)).Rows.Select(r => r.Id));
        Assert.Single((await data.QueueAsync(Admin, new OrderQueueFilter(Statuses: [OrderStatus.Cancelled, OrderStatus.Completed], Delivery: DeliveryKind.StoreSale), 0, 50, Ct)).Rows);

        // Orders per channel and the cancellation rate count channel orders, not till receipts.
        var figures = await hub.Services.GetRequiredService<OrderStats>().FiguresAsync(Ct);
        Assert.DoesNotContain(figures.Channels, c => c.ChannelId == "stores");
        Assert.Equal(1, Assert.Single(figures.Channels, c => c.ChannelId == "webshop").Today);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_till_sale_delivered_twice_is_one_store_sale(string provider)
    {
        await using var hub = Hub(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["store-utrecht"] = 5 });
        var client = hub.CreateClient();
        var saleId = Guid.CreateVersion7().ToString();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostSaleAsync(client, saleId, "UTR-7", sku, Ct)));

        var data = hub.Services.GetRequiredService<OrderData>();
        var sales = await data.QueueAsync(Admin, new OrderQueueFilter(Delivery: DeliveryKind.StoreSale), 0, 50, Ct);
        Assert.Equal("UTR-7", Assert.Single(sales.Rows).Number);
        Assert.Equal(4, (await hub.LevelsAsync(sku)).Single(l => l.LocationId == "store-utrecht").OnHand);
    }

    /// <summary>A signed Lightspeed sale.update as X-Series sends it (form body, HMAC-SHA256 hex of the raw body).</summary>
    internal static async Task<HttpResponseMessage> PostSaleAsync(HttpClient client, string saleId, string invoice, string sku, CancellationToken ct)
    {
        var payload = $$"""{"id":"{{saleId}}","outlet_id":"outlet-utr","register_id":"reg-1","invoice_number":"{{invoice}}","status":"CLOSED","created_at":"{{DateTimeOffset.UtcNow:O}}","line_items":[{"product_id":"p1","sku":"{{sku}}","quantity":1,"price":50,"tax":10.5}]}""";
        var body = "type=sale.update&payload=" + Uri.EscapeDataString(payload);
        var signature = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/lightspeed") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.TryAddWithoutValidation("X-Signature", $"signature={signature}, algorithm=HMAC-SHA256");
        return await client.SendAsync(request, ct);
    }
}
