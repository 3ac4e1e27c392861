using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Meta;

namespace Overal.Channels.Tests.Meta;

/// <summary>The Meta simulator refuses what the Graph API refuses, in its OAuthException shape, and processes batches asynchronously.</summary>
public sealed class MetaSimulatorValidationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private SimulatorServer _server = null!;
    private MetaSimulator _sim = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Catalog => _sim.Options.Catalogs["instagram"];

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(s => s.AddSingleton<TimeProvider>(_clock));
        _sim = _server.Simulator<MetaSimulator>();
        _sim.Seed([new SimulatedItem("SKU-A", "8710000000014", "Rok", 29.95m, 3), new SimulatedItem("SKU-B", "8710000000021", "Top", 19.95m, 0)]);
        _http = new HttpClient { BaseAddress = _server.BaseFor("meta") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _sim.Options.AccessToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_bad_availability_fails_that_item_in_validation_status_and_the_rest_is_applied_after_processing()
    {
        var response = await BatchAsync(
            new { method = "UPDATE", data = new { id = "SKU-A", availability = "in_stock", inventory = 5 } },
            new { method = "UPDATE", data = new { id = "SKU-B", availability = "in stock", inventory = 8 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var status = Assert.Single(body.GetProperty("validation_status").EnumerateArray());
        Assert.Equal("SKU-A", status.GetProperty("retailer_id").GetString());
        Assert.Contains("availability", status.GetProperty("errors")[0].GetProperty("message").GetString());
        var handle = body.GetProperty("handles")[0].GetString();

        Assert.Equal("in_progress", await StatusAsync(handle!));
        Assert.Equal(0, _sim.Catalog("instagram").Quantities()["SKU-B"]);
        _clock.Advance(_sim.Options.ProcessingDelay);
        Assert.Equal("finished", await StatusAsync(handle!));
        Assert.Equal(8, _sim.Catalog("instagram").Quantities()["SKU-B"]);
        Assert.Equal(3, _sim.Catalog("instagram").Quantities()["SKU-A"]);
    }

    [Theory]
    [InlineData("-1", "inventory")]
    [InlineData("\"12,95 EUR\"", "price")]
    public async Task A_bad_inventory_or_price_fails_that_item(string value, string field)
    {
        var json = $$$"""{"item_type":"PRODUCT_ITEM","requests":[{"method":"UPDATE","data":{"id":"SKU-A","{{{field}}}":{{{value}}}}}]}""";

        var response = await _http.PostAsync($"v24.0/{Catalog}/items_batch", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(field, body.GetProperty("validation_status")[0].GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_request_without_data_id_refuses_the_whole_call_with_error_100()
    {
        var response = await BatchAsync(
            new { method = "UPDATE", data = new { id = "SKU-A", inventory = 1 } },
            new { method = "UPDATE", data = new { availability = "in stock" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.Contains("requests[1][data][id]", error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("fbtrace_id").GetString()));
    }

    [Fact]
    public async Task More_than_5000_requests_are_refused()
    {
        var requests = Enumerable.Range(0, 5001).Select(i => (object)new { method = "UPDATE", data = new { id = "SKU-A", inventory = i } }).ToArray();

        var response = await BatchAsync(requests);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_missing_or_wrong_token_is_an_oauth_exception_190()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.BaseFor("meta") };
        var missing = await anonymous.GetAsync($"v24.0/{Catalog}/products", Ct);
        var wrong = await anonymous.GetAsync($"v24.0/{Catalog}/products?access_token=forged", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        foreach (var response in new[] { missing, wrong })
        {
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");
            Assert.Equal(190, error.GetProperty("code").GetInt32());
            Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task The_101st_batch_call_in_an_hour_gets_80014_with_usage_at_100_percent()
    {
        for (var i = 0; i < 100; i++)
        {
            var ok = await BatchAsync(new { method = "UPDATE", data = new { id = "SKU-A", inventory = i } });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.True(ok.Headers.Contains("X-Business-Use-Case-Usage"));
            _clock.Advance(TimeSpan.FromSeconds(6));
        }

        var refused = await BatchAsync(new { method = "UPDATE", data = new { id = "SKU-A", inventory = 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");
        Assert.Equal(80014, error.GetProperty("code").GetInt32());
        Assert.StartsWith("(#80014) There have been too many calls to this catalog", error.GetProperty("message").GetString());
        using var usage = JsonDocument.Parse(refused.Headers.GetValues("X-Business-Use-Case-Usage").Single());
        var entry = usage.RootElement.GetProperty(_sim.Options.BusinessId)[0];
        Assert.Equal(100, entry.GetProperty("call_count").GetInt32());
        Assert.True(entry.GetProperty("estimated_time_to_regain_access").GetInt32() > 0);
        Assert.Equal(1, _sim.RateLimitedCalls);
        Assert.Equal(100, _sim.BatchCalls(Catalog));
    }

    [Fact]
    public async Task Products_can_be_read_back_by_retailer_id_in_graph_shape()
    {
        var filter = Uri.EscapeDataString("""{"retailer_id":{"is_any":["SKU-A","NOPE"]}}""");

        var body = await _http.GetFromJsonAsync<JsonElement>($"v24.0/{Catalog}/products?fields=retailer_id,inventory,availability&filter={filter}", Ct);

        var product = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("SKU-A", product.GetProperty("retailer_id").GetString());
        Assert.Equal(3, product.GetProperty("inventory").GetInt32());
        Assert.Equal("in stock", product.GetProperty("availability").GetString());
        Assert.True(body.GetProperty("paging").TryGetProperty("cursors", out _));
    }

    private Task<HttpResponseMessage> BatchAsync(params object[] requests) =>
        _http.PostAsJsonAsync($"v24.0/{Catalog}/items_batch", new { item_type = "PRODUCT_ITEM", allow_upsert = false, requests }, Ct);

    private async Task<string?> StatusAsync(string handle)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>($"v24.0/{Catalog}/check_batch_request_status?handle={handle}", Ct);
        return body.GetProperty("data")[0].GetProperty("status").GetString();
    }
}
