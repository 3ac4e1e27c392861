using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Overal.Hub.Channels;
using Overal.Hub.Tests.Api.Access;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Api.Input;

/// <summary>
/// Issue #10 §4: text too long for its column or holding control characters, and numbers that are not finite or
/// out of range, get a 400 problem that names the field and change nothing; no input gives a 5xx. The 500s showed
/// only on PostgreSQL (SQLite neither enforces lengths nor refuses NUL), so every case runs on both.
/// </summary>
public abstract class BadInputTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : AccessHubFactory
{
    private static readonly SemaphoreSlim SceneLock = new(1, 1);
    private static AccessScene? _scene;

    public static TheoryData<string, string> Texts() => new()
    {
        { "order externalId over 100", "externalId" },
        { "order customer name with NUL", "customer.name" },
        { "order line sku over 64", "lines[0].sku" },
        { "order street with a control character", "delivery.street" },
        { "ship tracking number over 100", "trackingNumber" },
        { "ship carrier with NUL", "carrier" },
        { "movement reason over 500", "reason" },
        { "movement reference with NUL", "reference" },
        { "reservation reference over 200", "reference" },
        { "return reason over 500", "reason" },
        { "return reason with NUL", "reason" },
        { "stock sku in the path with a control character", "sku" },
        { "order search with NUL", "channel" },
        { "Idempotency-Key over its column", "Idempotency-Key" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Bad_text_is_a_400_naming_the_field_and_changes_nothing(string @case, string field)
    {
        var scene = await SceneAsync();
        var sku = scene.Sku;
        const string store = AccessHubFactory.StoreA;
        var long201 = new string('x', 201);
        var order = @case.StartsWith("ship", StringComparison.Ordinal) ? await scene.OrderAtAsync(store) : Guid.Empty;
        var collected = @case.StartsWith("return", StringComparison.Ordinal) ? await scene.CollectedOrderAtAsync(store) : default;
        var before = await scene.FingerprintAsync();

        using var response = @case switch
        {
            "order externalId over 100" => await PostAsync("/api/orders", Order(sku, externalId: new string('E', 101))),
            "order customer name with NUL" => await PostAsync("/api/orders", Order(sku, customerName: "Jan\0Jansen")),
            "order line sku over 64" => await PostAsync("/api/orders", Order(new string('S', 65))),
            "order street with a control character" => await PostAsync("/api/orders", Order(sku, street: "Damrak\u00071")),
            "ship tracking number over 100" => await PostAsync($"/api/orders/{order}/ship", new { carrier = "PostNL", trackingNumber = new string('9', 101) }),
            "ship carrier with NUL" => await PostAsync($"/api/orders/{order}/ship", new { carrier = "Post\0NL", trackingNumber = "3S1" }),
            "movement reason over 500" => await PostAsync("/api/stock/movements", new { sku, locationId = store, type = "adjustment", quantity = 1, reason = new string('r', 501) }),
            "movement reference with NUL" => await PostAsync("/api/stock/movements", new { sku, locationId = store, type = "adjustment", quantity = 1, reference = "PO\01" }),
            "reservation reference over 200" => await PostAsync("/api/reservations", new { sku, quantity = 1, channelId = "stores", locationId = store, kind = "cart", reference = long201 }),
            "return reason over 500" => await PostAsync($"/api/orders/{collected.Order}/returns", Return(collected.Line, new string('r', 501))),
            "return reason with NUL" => await PostAsync($"/api/orders/{collected.Order}/returns", Return(collected.Line, "too\0small")),
            "stock sku in the path with a control character" => await Client.GetAsync($"/api/stock/{sku}%01", Ct),
            "order search with NUL" => await Client.GetAsync("/api/orders?channel=web%00shop", Ct),
            "Idempotency-Key over its column" => await PostAsync("/api/stock/movements", new { sku, locationId = store, type = "adjustment", quantity = 1 }, long201),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await scene.FingerprintAsync());
    }

    [Fact]
    public async Task Text_at_its_column_length_is_stored_on_both_databases()
    {
        var scene = await SceneAsync();

        using var response = await PostAsync("/api/orders", Order(scene.Sku, externalId: new string('E', 100), customerName: new string('n', 200)));

        await HubApi.ExpectAsync(response, HttpStatusCode.Created);
    }

    public static TheoryData<string, string, string?> Numbers() => new()
    {
        { "/api/demo/traffic", "salesPerMinute", """{"enabled":true,"salesPerMinute":"NaN"}""" },
        { "/api/demo/traffic", "ordersPerMinute", """{"enabled":true,"ordersPerMinute":"Infinity"}""" },
        { $"/api/alerts/{Guid.Empty}/mute?minutes=NaN", "minutes", "" },
        { "/api/sync/latency?windowMinutes=NaN", "windowMinutes", null },
        { "/api/orders?olderThanMinutes=2147483647", "olderThanMinutes", null },
        { "/api/orders?page=2147483647", "page", null },
        { "/api/products?page=2147483647", "page", null },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public async Task A_number_that_is_not_finite_or_out_of_range_is_a_400_and_changes_nothing(string path, string field, string? body)
    {
        var scene = await SceneAsync();
        var before = await scene.FingerprintAsync();

        using var response = body is null ? await Client.GetAsync(path, Ct) : await Api.PostRawAsync(path, body, Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await scene.FingerprintAsync());
    }

    [Fact]
    public void The_demo_traffic_switch_never_holds_a_rate_that_is_not_finite()
    {
        var settings = Hub.Services.GetRequiredService<DemoTrafficSettings>();
        var (sales, orders) = (settings.SalesPerMinute, settings.OrdersPerMinute);

        settings.Set(settings.Enabled, double.NaN, double.PositiveInfinity);

        Assert.Equal(sales, settings.SalesPerMinute);
        Assert.Equal(orders, settings.OrdersPerMinute);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_a_csp_without_eval_or_inline_script()
    {
        using var api = await Client.GetAsync("/api/locations", Ct);
        using var login = await Client.GetAsync("/account/login", Ct);

        foreach (var response in new[] { api, login })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        }
    }

    [Fact]
    public async Task The_api_reference_page_may_run_exactly_its_own_inline_script()
    {
        using var response = await Client.GetAsync("/api/reference/", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var inline = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"module\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(inline.Success, html);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(inline.Groups[1].Value)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}';", csp);
        Assert.DoesNotContain("unsafe-inline", csp.Split("script-src")[1].Split(';')[0]);
    }

    private static object Order(string sku, string? externalId = null, string? customerName = null, string street = "Damrak 1") => new
    {
        channelId = "webshop",
        externalId,
        customer = new { name = customerName },
        delivery = new { kind = "home", street, postalCode = "1012LG", city = "Amsterdam", countryCode = "NL" },
        lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 40m } },
    };

    private static object Return(Guid line, string reason) => new { reason, lines = new[] { new { lineId = line, quantity = 1 } } };

    private Task<HttpResponseMessage> PostAsync(string path, object body, string? idempotencyKey = null) =>
        Api.PostRawAsync(path, JsonSerializer.Serialize(body, HubApi.Json), Ct, idempotencyKey);

    private async Task<AccessScene> SceneAsync()
    {
        await SceneLock.WaitAsync(Ct);
        try
        {
            return _scene ??= await AccessScene.CreateAsync(Hub, TakeSku());
        }
        finally
        {
            SceneLock.Release();
        }
    }
}

public sealed class SqliteBadInputTests(SqliteAccessHub hub) : BadInputTests<SqliteAccessHub>(hub);

public sealed class PostgresBadInputTests(PostgresAccessHub hub) : BadInputTests<PostgresAccessHub>(hub);
