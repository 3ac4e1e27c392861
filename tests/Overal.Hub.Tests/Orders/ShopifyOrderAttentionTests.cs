using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Shopify;
using Overal.Core.Orders;
using Overal.Hub.Alerts;

namespace Overal.Hub.Tests.Orders;

/// <summary>
/// Shopify orders the hub cannot take as they are — an unknown SKU, an unexpected currency — are accepted (2xx, so
/// Shopify stops retrying), stored with what Shopify sent and flagged for staff, allocate nothing and raise an alert
/// until staff map the line or accept the currency; order-level discounts are kept to the cent.
/// </summary>
public sealed class ShopifyOrderAttentionTests
{
    private const string Secret = "shopify-test-secret";
    private static long _nextId = 7_100_000_000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrdersHubFactory Hub(string provider) =>
        new(provider, services: s => s.AddSingleton(new ShopifyWebhookVerifier(Secret)));

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task An_order_with_an_unknown_SKU_is_accepted_stored_with_the_line_as_sent_and_allocates_nothing(string provider)
    {
        await using var hub = Hub(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10 });
        var payload = Payload("EUR", 0m, (sku, "Known", 1, 40m, 0m), ("SHOP-ONLY-9", "Linen scarf, sand", 2, 24.95m, 0m));

        var response = await PostAsync(hub, payload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("created", receipt!["outcome"]!.GetValue<string>());
        var id = receipt["orderId"]!.GetValue<string>();

        var order = await DetailAsync(hub, id);
        Assert.True(order["needsAttention"]!.GetValue<bool>());
        Assert.Contains("unmatched_lines", order["attentionReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("new", order["status"]!.GetValue<string>());
        var lines = order["lines"]!.AsArray();
        Assert.Equal(2, lines.Count);
        var unmatched = lines[1]!;
        Assert.Equal("unmatched", unmatched["status"]!.GetValue<string>());
        Assert.Equal("SHOP-ONLY-9", unmatched["channelSku"]!.GetValue<string>());
        Assert.Equal("Linen scarf, sand", unmatched["title"]!.GetValue<string>());
        Assert.Equal(2, unmatched["quantity"]!.GetValue<int>());
        Assert.Equal(24.95m, unmatched["unitPriceInclVat"]!.GetValue<decimal>());
        Assert.Contains("SHOP-ONLY-9", unmatched["matchProblem"]!.GetValue<string>());
        Assert.Equal("open", lines[0]!["status"]!.GetValue<string>());
        Assert.Empty(order["allocations"]!.AsArray());
        Assert.All(await hub.LevelsAsync(sku), l => Assert.Equal(0, l.Reserved));

        // Staff find it in the queue; a redelivery changes nothing.
        var queue = await hub.CreateClient().GetFromJsonAsync<JsonObject>("/api/orders?needsAttention=true", Ct);
        Assert.Equal(id, Assert.Single(queue!["items"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.True(queue["items"]![0]!["needsAttention"]!.GetValue<bool>());
        var again = await PostAsync(hub, payload);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<JsonObject>(Ct))!["outcome"]!.GetValue<string>());
        Assert.Equal(0, (await hub.CreateClient().GetFromJsonAsync<JsonObject>("/api/orders?needsAttention=false", Ct))!["total"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Mapping_the_unmatched_line_allocates_the_order_and_clears_its_alert(string provider)
    {
        await using var hub = Hub(provider);
        var skus = await hub.SkusAsync(2);
        foreach (var s in skus) await hub.SetStockAsync(s, new() { ["warehouse"] = 10 });
        var id = await ReceiptIdAsync(await PostAsync(hub, Payload("EUR", 0m, (skus[0], "Known", 1, 40m, 0m), ("SHOP-ONLY-1", "Scarf", 2, 24.95m, 0m))));

        var alerts = await EvaluateAlertsAsync(hub);
        var alert = Assert.Single(alerts, a => a.Key == $"attention:{id}");
        Assert.True(alert.Active);
        Assert.Equal("OrderNeedsAttention", alert.Kind.ToString());
        Assert.Equal("webshop", alert.ChannelId);

        var lineId = (await DetailAsync(hub, id))["lines"]![1]!["id"]!.GetValue<string>();
        var matched = await hub.CreateClient().PostAsJsonAsync($"/api/orders/{id}/lines/{lineId}/match", new { sku = skus[1] }, Ct);
        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);

        var order = await DetailAsync(hub, id);
        Assert.False(order["needsAttention"]!.GetValue<bool>());
        Assert.Equal("allocated", order["status"]!.GetValue<string>());
        var line = order["lines"]![1]!;
        Assert.Equal(skus[1], line["sku"]!.GetValue<string>());
        Assert.Equal("SHOP-ONLY-1", line["channelSku"]!.GetValue<string>());
        Assert.Equal("allocated", line["status"]!.GetValue<string>());
        Assert.Equal(2, (await hub.LevelsAsync(skus[1])).Single(l => l.LocationId == "warehouse").Reserved);
        Assert.Contains(order["timeline"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "line_matched");

        Assert.DoesNotContain(await EvaluateAlertsAsync(hub), a => a.Key == $"attention:{id}" && a.Active);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Mapping_to_an_unknown_SKU_or_a_line_that_is_not_there_is_refused_and_changes_nothing(string provider)
    {
        await using var hub = Hub(provider);
        var skus = await hub.SkusAsync(2);
        var id = await ReceiptIdAsync(await PostAsync(hub, Payload("EUR", 0m, ("SHOP-ONLY-2", "Scarf", 1, 24.95m, 0m))));
        var lineId = (await DetailAsync(hub, id))["lines"]![0]!["id"]!.GetValue<string>();
        var client = hub.CreateClient();

        var unknown = await client.PostAsJsonAsync($"/api/orders/{id}/lines/{lineId}/match", new { sku = "NOPE-404" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NOPE-404", (await unknown.Content.ReadFromJsonAsync<JsonObject>(Ct))!["detail"]!.GetValue<string>());
        var empty = await client.PostAsJsonAsync($"/api/orders/{id}/lines/{lineId}/match", new { sku = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var noLine = await client.PostAsJsonAsync($"/api/orders/{id}/lines/{Guid.CreateVersion7()}/match", new { sku = skus[0] }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, noLine.StatusCode);
        var noOrder = await client.PostAsJsonAsync($"/api/orders/{Guid.CreateVersion7()}/lines/{lineId}/match", new { sku = skus[0] }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, noOrder.StatusCode);

        var order = await DetailAsync(hub, id);
        Assert.True(order["needsAttention"]!.GetValue<bool>());
        Assert.Equal("unmatched", order["lines"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("", order["lines"]![0]!["sku"]!.GetValue<string>());

        // Once matched, mapping again to the same SKU is a no-op, to another one a conflict.
        (await client.PostAsJsonAsync($"/api/orders/{id}/lines/{lineId}/match", new { sku = skus[0] }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/orders/{id}/lines/{lineId}/match", new { sku = skus[0] }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/orders/{id}/lines/{lineId}/match", new { sku = skus[1] }, Ct)).StatusCode);
        Assert.Equal(skus[0], (await DetailAsync(hub, id))["lines"]![0]!["sku"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Only_operations_and_admins_may_map_a_line_or_accept_a_currency(string provider)
    {
        const string storeKey = "attention-store-staff-key-0123456789", readOnlyKey = "attention-read-only-key-0123456789";
        await using var hub = new OrdersHubFactory(provider, new()
        {
            ["Auth:ApiKeys:till:Hash"] = Overal.Hub.Auth.ApiKeyAuthenticationHandler.Hash(storeKey),
            ["Auth:ApiKeys:till:Role"] = "store_staff",
            ["Auth:ApiKeys:till:Location"] = "store-rotterdam",
            ["Auth:ApiKeys:viewer:Hash"] = Overal.Hub.Auth.ApiKeyAuthenticationHandler.Hash(readOnlyKey),
            ["Auth:ApiKeys:viewer:Role"] = "read_only",
        }, s => s.AddSingleton(new ShopifyWebhookVerifier(Secret)));
        var sku = (await hub.SkusAsync(1))[0];
        var id = await ReceiptIdAsync(await PostAsync(hub, Payload("USD", 0m, ("SHOP-ONLY-5", "Scarf", 1, 24.95m, 0m))));
        var lineId = (await DetailAsync(hub, id))["lines"]![0]!["id"]!.GetValue<string>();

        foreach (var key in new[] { storeKey, readOnlyKey })
        {
            using var client = hub.CreateClient();
            client.DefaultRequestHeaders.Remove("X-Api-Key");
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/orders/{id}/lines/{lineId}/match", new { sku }, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/orders/{id}/accept-currency", null, Ct)).StatusCode);
        }

        var order = await DetailAsync(hub, id);
        Assert.Equal(["unmatched_lines", "unexpected_currency"], order["attentionReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("unmatched", order["lines"]![0]!["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Staff_mapping_lines_at_the_same_time_allocate_the_order_exactly_once(string provider)
    {
        await using var hub = Hub(provider);
        var skus = await hub.SkusAsync(2);
        foreach (var s in skus) await hub.SetStockAsync(s, new() { ["warehouse"] = 10 });
        var id = await ReceiptIdAsync(await PostAsync(hub, Payload("EUR", 0m, ("SHOP-ONLY-3", "Scarf", 1, 24.95m, 0m), ("SHOP-ONLY-4", "Belt", 2, 19.95m, 0m))));
        var lines = (await DetailAsync(hub, id))["lines"]!.AsArray().Select(l => l!["id"]!.GetValue<string>()).ToList();

        // Two lines, each mapped by four people at once: nobody sees a failure, and the order allocates once.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var client = hub.CreateClient();
            return await client.PostAsJsonAsync($"/api/orders/{id}/lines/{lines[i % 2]}/match", new { sku = skus[i % 2] }, Ct);
        }, Ct)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var order = await DetailAsync(hub, id);
        Assert.False(order["needsAttention"]!.GetValue<bool>());
        Assert.Equal("allocated", order["status"]!.GetValue<string>());
        Assert.Equal(2, order["allocations"]!.AsArray().Count);
        Assert.Single(order["timeline"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "allocation");
        Assert.Equal(1, (await hub.LevelsAsync(skus[0])).Sum(l => l.Reserved));
        Assert.Equal(2, (await hub.LevelsAsync(skus[1])).Sum(l => l.Reserved));
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task An_order_level_discount_is_kept_so_the_stored_totals_equal_Shopify_to_the_cent(string provider)
    {
        await using var hub = Hub(provider);
        var skus = await hub.SkusAsync(2);
        foreach (var s in skus) await hub.SetStockAsync(s, new() { ["warehouse"] = 10 });
        // A 20.00 code spread across the lines by Shopify (discount_allocations), line total_discount left at 0.00.
        var payload = Payload("EUR", 20m, (skus[0], "Coat", 1, 119.95m, 15.38m), (skus[1], "Scarf", 2, 17.00m, 4.62m));

        var id = await ReceiptIdAsync(await PostAsync(hub, payload));

        var order = await DetailAsync(hub, id);
        Assert.Equal(decimal.Parse(payload["total_discounts"]!.GetValue<string>(), CultureInfo.InvariantCulture), order["discountTotal"]!.GetValue<decimal>());
        Assert.Equal(decimal.Parse(payload["total_price"]!.GetValue<string>(), CultureInfo.InvariantCulture), order["totalInclVat"]!.GetValue<decimal>());
        Assert.Equal(133.95m, order["totalInclVat"]!.GetValue<decimal>());
        Assert.Equal(15.38m, order["lines"]![0]!["discount"]!.GetValue<decimal>());
        Assert.False(order["needsAttention"]!.GetValue<bool>());
        Assert.Equal("allocated", order["status"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task An_order_in_an_unexpected_currency_is_stored_unconverted_and_flagged_until_staff_accept_it(string provider)
    {
        await using var hub = Hub(provider);
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10 });

        var id = await ReceiptIdAsync(await PostAsync(hub, Payload("USD", 0m, (sku, "Coat", 1, 129.00m, 0m))));

        var order = await DetailAsync(hub, id);
        Assert.True(order["needsAttention"]!.GetValue<bool>());
        Assert.Equal(["unexpected_currency"], order["attentionReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("USD", order["attentionDetail"]!.GetValue<string>());
        Assert.Contains("EUR", order["attentionDetail"]!.GetValue<string>());
        Assert.Equal("USD", order["currency"]!.GetValue<string>());
        Assert.Equal(129.00m, order["totalInclVat"]!.GetValue<decimal>());
        Assert.Empty(order["allocations"]!.AsArray());
        Assert.Single(await EvaluateAlertsAsync(hub), a => a.Key == $"attention:{id}" && a.Active);
        // Allocating by hand is refused while the order needs attention.
        Assert.Equal(HttpStatusCode.Conflict, (await hub.CreateClient().PostAsync($"/api/orders/{id}/allocate", null, Ct)).StatusCode);

        var accepted = await hub.CreateClient().PostAsync($"/api/orders/{id}/accept-currency", null, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        order = await DetailAsync(hub, id);
        Assert.False(order["needsAttention"]!.GetValue<bool>());
        Assert.Equal("allocated", order["status"]!.GetValue<string>());
        Assert.Equal(1, (await hub.LevelsAsync(sku)).Sum(l => l.Reserved));
        Assert.DoesNotContain(await EvaluateAlertsAsync(hub), a => a.Key == $"attention:{id}" && a.Active);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task A_polled_marketplace_order_with_an_unknown_EAN_is_stored_for_staff_instead_of_refused(string provider)
    {
        await using var hub = Hub(provider);
        var sku = (await hub.SkusAsync(1))[0];
        var incoming = OrdersHubFactory.Order("bol", "BOL-UNKNOWN-1", lines: (sku, 1, 30m));
        incoming = incoming with { Lines = [.. incoming.Lines, new Overal.Channels.Abstractions.ChannelOrderLine("L2", null, "8712345678906", 1, 12.5m, 0m)] };

        var result = await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(incoming, Ct));

        Assert.True(result.Created);
        var order = await DetailAsync(hub, result.OrderId.ToString());
        Assert.True(order["needsAttention"]!.GetValue<bool>());
        var line = order["lines"]![1]!;
        Assert.Equal("unmatched", line["status"]!.GetValue<string>());
        Assert.Equal("8712345678906", line["ean"]!.GetValue<string>());
        Assert.Contains("8712345678906", line["matchProblem"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> PostAsync(OrdersHubFactory hub, JsonObject payload)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ShopifyWebhookHeaders.Hmac, Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)));
        request.Headers.Add(ShopifyWebhookHeaders.Topic, "orders/create");
        request.Headers.Add(ShopifyWebhookHeaders.EventId, $"evt-{payload["id"]}");
        return await hub.CreateClient().SendAsync(request, Ct);
    }

    private static async Task<string> ReceiptIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["orderId"]!.GetValue<string>();
    }

    private static async Task<JsonObject> DetailAsync(OrdersHubFactory hub, string id) =>
        (await hub.CreateClient().GetFromJsonAsync<JsonObject>($"/api/orders/{id}", Ct))!;

    private static async Task<IReadOnlyList<Alert>> EvaluateAlertsAsync(OrdersHubFactory hub)
    {
        await hub.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync(Ct);
        return hub.Services.GetRequiredService<AlertBoard>().All();
    }

    /// <summary>
    /// An orders/create body as Shopify sends it. An order-level discount code appears as total_discounts,
    /// discount_codes and discount_applications, with each line's share in its discount_allocations.
    /// </summary>
    private static JsonObject Payload(string currency, decimal orderDiscount, params (string Sku, string Title, int Quantity, decimal Price, decimal Allocated)[] lines)
    {
        static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        var id = Interlocked.Increment(ref _nextId);
        var subtotal = lines.Sum(l => l.Price * l.Quantity);
        var payload = new JsonObject
        {
            ["id"] = id,
            ["name"] = $"#{id % 10000}",
            ["email"] = "klant@example.nl",
            ["created_at"] = "2026-12-04T10:15:00+01:00",
            ["currency"] = currency,
            ["total_price"] = Money(subtotal - orderDiscount),
            ["subtotal_price"] = Money(subtotal - orderDiscount),
            ["total_line_items_price"] = Money(subtotal),
            ["total_discounts"] = Money(orderDiscount),
            ["financial_status"] = "paid",
            ["customer"] = new JsonObject { ["first_name"] = "Sanne", ["last_name"] = "de Vries", ["email"] = "klant@example.nl" },
            ["shipping_address"] = new JsonObject { ["address1"] = "Prinsengracht 263", ["zip"] = "1016 GV", ["city"] = "Amsterdam", ["country_code"] = "NL" },
            ["discount_codes"] = orderDiscount == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["code"] = "WINTER20", ["amount"] = Money(orderDiscount), ["type"] = "fixed_amount" }),
            ["discount_applications"] = orderDiscount == 0 ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["type"] = "discount_code", ["code"] = "WINTER20", ["value"] = Money(orderDiscount), ["value_type"] = "fixed_amount",
                ["allocation_method"] = "across", ["target_selection"] = "all", ["target_type"] = "line_item",
            }),
            ["line_items"] = new JsonArray([.. lines.Select((l, i) => (JsonNode?)new JsonObject
            {
                ["id"] = id * 10 + i,
                ["sku"] = l.Sku,
                ["title"] = l.Title,
                ["name"] = l.Title,
                ["quantity"] = l.Quantity,
                ["price"] = Money(l.Price),
                ["total_discount"] = "0.00",
                ["discount_allocations"] = l.Allocated == 0 ? new JsonArray() : new JsonArray(new JsonObject { ["amount"] = Money(l.Allocated), ["discount_application_index"] = 0 }),
            })]),
        };
        return payload;
    }
}
