using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Shopify;

namespace Overal.Channels.Tests.Shopify;

/// <summary>The simulator enforces Shopify's 2026-04 rules, spoken to over raw HTTP (no adapter involved).</summary>
public sealed class ShopifySimulatorRulesTests : IAsyncLifetime
{
    private const string SetQuantities = """
        mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
          inventorySetQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { id } userErrors { code field message } }
        }
        """;

    private readonly HttpClient _http = new();
    private SimulatorServer _server = null!;
    private ShopifySimulator _sim = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync();
        _sim = _server.Simulator<ShopifySimulator>();
        _sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 10m, 5), new SimulatedItem("SKU-B", "8712345000028", "B", 10m, 8)]);
    }

    [Fact]
    public async Task A_wrong_or_missing_token_gets_401_with_shopifys_message()
    {
        foreach (var token in new[] { "shpat_wrong", null })
        {
            var response = await PostAsync(new JsonObject { ["query"] = "{ shop { id } }" }, token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
            Assert.Equal("[API] Invalid API key or access token (unrecognized login or wrong password)", body!["errors"]!.ToString());
        }
    }

    [Fact]
    public async Task An_omitted_changeFromQuantity_is_a_user_error_and_changes_nothing()
    {
        var quantity = Quantity("SKU-A", 42);
        quantity.Remove("changeFromQuantity");

        var payload = await SetAsync(Guid.NewGuid().ToString(), quantity);

        var error = Assert.Single(payload["userErrors"]!.AsArray());
        Assert.Equal("changeFromQuantity", error!["field"]!.AsArray().Last()!.ToString());
        Assert.Equal(5, _sim.Quantities()["SKU-A"]);
    }

    [Fact]
    public async Task A_stale_changeFromQuantity_is_rejected_with_CHANGE_FROM_QUANTITY_STALE()
    {
        var payload = await SetAsync(Guid.NewGuid().ToString(), Quantity("SKU-A", 42, changeFrom: 4), Quantity("SKU-B", 1, changeFrom: 8));

        Assert.Equal("CHANGE_FROM_QUANTITY_STALE", Assert.Single(payload["userErrors"]!.AsArray())!["code"]!.ToString());
        Assert.Equal(5, _sim.Quantities()["SKU-A"]);
        Assert.Equal(8, _sim.Quantities()["SKU-B"]);
    }

    [Fact]
    public async Task An_explicit_null_changeFromQuantity_skips_the_check_and_a_matching_one_passes()
    {
        var payload = await SetAsync(Guid.NewGuid().ToString(), Quantity("SKU-A", 42, changeFrom: null), Quantity("SKU-B", 3, changeFrom: 8));

        Assert.Empty(payload["userErrors"]!.AsArray());
        Assert.Equal(42, _sim.Quantities()["SKU-A"]);
        Assert.Equal(3, _sim.Quantities()["SKU-B"]);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_result_without_applying_again()
    {
        var key = Guid.NewGuid().ToString();
        var first = await SetAsync(key, Quantity("SKU-A", 42, changeFrom: null));
        _sim.Corrupt("SKU-A", 7);

        var replay = await SetAsync(key, Quantity("SKU-A", 42, changeFrom: null));

        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        Assert.Equal(7, _sim.Quantities()["SKU-A"]);
        Assert.Equal(1, _sim.InventoryMutationsApplied);
    }

    [Fact]
    public async Task A_mutation_without_the_idempotent_directive_is_refused()
    {
        var query = SetQuantities.Replace("@idempotent(key: $key)", "", StringComparison.Ordinal);
        var body = await GraphQlAsync(query, Variables(Guid.NewGuid().ToString(), Quantity("SKU-A", 42, changeFrom: null)));

        Assert.NotNull(body["errors"]);
        Assert.Equal(5, _sim.Quantities()["SKU-A"]);
    }

    [Fact]
    public async Task More_than_250_quantities_are_refused()
    {
        var quantities = Enumerable.Range(0, 251).Select(_ => Quantity("SKU-A", 1, changeFrom: null)).ToArray();
        var body = await GraphQlAsync(SetQuantities, Variables(Guid.NewGuid().ToString(), quantities));

        Assert.Equal("MAX_INPUT_SIZE_EXCEEDED", body["errors"]![0]!["extensions"]!["code"]!.ToString());
        Assert.Equal(5, _sim.Quantities()["SKU-A"]);
    }

    [Fact]
    public async Task Every_response_reports_its_cost_and_the_bucket()
    {
        // A stopped clock: nothing is restored during the call, so the bucket shows exactly the cost taken.
        await _server.DisposeAsync();
        _server = await SimulatorServer.StartAsync(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow)));
        _sim = _server.Simulator<ShopifySimulator>();
        _sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 10m, 5)]);

        var body = await GraphQlAsync(SetQuantities, Variables(Guid.NewGuid().ToString(), Quantity("SKU-A", 1, changeFrom: null)));

        var cost = body["extensions"]!["cost"]!;
        Assert.Equal(11, cost["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(11, cost["actualQueryCost"]!.GetValue<int>());
        Assert.Equal(2000, cost["throttleStatus"]!["maximumAvailable"]!.GetValue<double>());
        Assert.Equal(1989, cost["throttleStatus"]!["currentlyAvailable"]!.GetValue<double>());
        Assert.Equal(100, cost["throttleStatus"]!["restoreRate"]!.GetValue<double>());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(429)]
    public async Task A_request_costing_more_than_is_available_is_throttled_and_counted(int throttledStatus)
    {
        await using var server = await SimulatorServer.StartAsync(s => s.Configure<ShopifySimulatorOptions>(o =>
        {
            o.MaximumAvailable = 50;
            o.RestoreRate = 0.001;
            o.ThrottledStatusCode = throttledStatus;
        }));
        var sim = server.Simulator<ShopifySimulator>();
        sim.Seed([new SimulatedItem("SKU-A", "8712345000011", "A", 10m, 5)]);
        var uri = new Uri(server.BaseFor("shopify"), "admin/api/2026-04/graphql.json");
        var mutation = new JsonObject { ["query"] = SetQuantities, ["variables"] = Variables(Guid.NewGuid().ToString(), Quantity(sim, "SKU-A", 1, null)) };

        using var firstRequest = Request(uri, mutation.DeepClone());
        using var first = await _http.SendAsync(firstRequest, Ct);
        var second = await SendFreshKeyAsync(uri, mutation);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(throttledStatus, (int)second.Status);
        Assert.Equal("THROTTLED", second.Body["errors"]![0]!["extensions"]!["code"]!.ToString());
        Assert.Null(second.Body["extensions"]!["cost"]!["actualQueryCost"]);
        Assert.Equal(39, second.Body["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]!.GetValue<double>());
        Assert.Equal(1, sim.ThrottledCount);
        Assert.Equal(1, sim.Quantities()["SKU-A"]);
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendFreshKeyAsync(Uri uri, JsonObject mutation)
    {
        var body = (JsonObject)mutation.DeepClone();
        body["variables"]!["key"] = Guid.NewGuid().ToString();
        // 30 quantities cost 40 points, one more than the 39 left after the first call.
        body["variables"]!["input"]!["quantities"] = new JsonArray([.. Enumerable.Range(0, 30).Select(_ => body["variables"]!["input"]!["quantities"]![0]!.DeepClone())]);
        using var request = Request(uri, body);
        using var response = await _http.SendAsync(request, Ct);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!);
    }

    private static HttpRequestMessage Request(Uri uri, JsonNode body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Shopify-Access-Token", "shpat_overal_simulator");
        return request;
    }

    private async Task<JsonObject> SetAsync(string key, params JsonObject[] quantities)
    {
        var body = await GraphQlAsync(SetQuantities, Variables(key, quantities));
        Assert.Null(body["errors"]);
        return body["data"]!["inventorySetQuantities"]!.AsObject();
    }

    private static JsonObject Variables(string key, params JsonObject[] quantities) => new()
    {
        ["key"] = key,
        ["input"] = new JsonObject
        {
            ["name"] = "available",
            ["reason"] = "correction",
            ["referenceDocumentUri"] = "gid://overal/Test/1",
            ["quantities"] = new JsonArray([.. quantities.Select(q => (JsonNode?)q)]),
        },
    };

    private JsonObject Quantity(string sku, int quantity, int? changeFrom = null) => Quantity(_sim, sku, quantity, changeFrom);

    private static JsonObject Quantity(ShopifySimulator sim, string sku, int quantity, int? changeFrom) => new()
    {
        ["inventoryItemId"] = sim.InventoryItemIdFor(sku),
        ["locationId"] = sim.LocationIds[0],
        ["quantity"] = quantity,
        ["changeFromQuantity"] = changeFrom,
    };

    private async Task<JsonObject> GraphQlAsync(string query, JsonObject variables)
    {
        var response = await PostAsync(new JsonObject { ["query"] = query, ["variables"] = variables }, _sim.Options.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseFor("shopify"), "admin/api/2026-04/graphql.json"))
        {
            Content = JsonContent.Create(body),
        };
        if (token is not null) request.Headers.Add("X-Shopify-Access-Token", token);
        return await _http.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }
}
