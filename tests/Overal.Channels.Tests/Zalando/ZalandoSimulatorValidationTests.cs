using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators.Zalando;

namespace Overal.Channels.Tests.Zalando;

/// <summary>The zDirect simulator refuses what the contract refuses, in Zalando's own error shapes.</summary>
public sealed class ZalandoSimulatorValidationTests(ZalandoSimulatorValidationTests.RelaxedTokenFixture fixture)
    : IClassFixture<ZalandoSimulatorValidationTests.RelaxedTokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ZalandoSimulatorOptions Sim => fixture.ZalandoSimulator.Options;

    [Fact]
    public async Task A_batch_over_1000_items_is_refused_whole_with_problem_json()
    {
        using var http = await AuthorizedClientAsync(fixture.Server);
        var channel = Sim.SalesChannels["NL"];
        var items = Enumerable.Range(0, 1001).Select(_ => new { sales_channel_id = channel, ean = fixture.Items[0].Ean, quantity = 1 });

        var response = await http.PostAsJsonAsync($"merchants/{Sim.MerchantId}/stocks", new { items }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("1000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_negative_quantity_refuses_the_batch_and_changes_nothing()
    {
        using var http = await AuthorizedClientAsync(fixture.Server);
        var channel = Sim.SalesChannels["NL"];
        var item = fixture.Items[3];
        var before = fixture.ZalandoSimulator.Quantity(channel, item.Ean);

        var response = await http.PostAsJsonAsync($"merchants/{Sim.MerchantId}/stocks", new
        {
            items = new object[]
            {
                new { sales_channel_id = channel, ean = item.Ean, quantity = 77 },
                new { sales_channel_id = channel, ean = item.Ean, quantity = -1 },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("items[1].quantity", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Equal(before, fixture.ZalandoSimulator.Quantity(channel, item.Ean));
    }

    [Theory]
    [InlineData("\"5\"")]
    [InlineData("2.5")]
    public async Task A_quantity_that_is_not_an_integer_is_refused(string quantity)
    {
        using var http = await AuthorizedClientAsync(fixture.Server);
        var json = $$"""{"items":[{"sales_channel_id":"{{Sim.SalesChannels["NL"]}}","ean":"{{fixture.Items[3].Ean}}","quantity":{{quantity}}}]}""";

        var response = await http.PostAsync($"merchants/{Sim.MerchantId}/stocks", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_batch_is_accepted_per_item_and_an_unknown_ean_fails_alone()
    {
        using var http = await AuthorizedClientAsync(fixture.Server);
        var channel = Sim.SalesChannels["BE"];
        var item = fixture.Items[4];

        var response = await http.PostAsJsonAsync($"merchants/{Sim.MerchantId}/stocks", new
        {
            items = new object[]
            {
                new { sales_channel_id = channel, ean = item.Ean, quantity = 12 },
                new { sales_channel_id = channel, ean = "1234567890123", quantity = 1 },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("ACCEPTED", results[0].GetProperty("result").GetProperty("status").GetString());
        Assert.Equal("0", results[0].GetProperty("result").GetProperty("code").GetString());
        Assert.Equal(item.Ean, results[0].GetProperty("item").GetProperty("ean").GetString());
        Assert.NotEqual("ACCEPTED", results[1].GetProperty("result").GetProperty("status").GetString());
        Assert.Equal(12, fixture.ZalandoSimulator.Quantity(channel, item.Ean));
    }

    [Fact]
    public async Task A_stock_call_without_a_valid_token_is_unauthorized()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseFor("zalando") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged");

        var response = await http.PostAsJsonAsync($"merchants/{Sim.MerchantId}/stocks", new { items = Array.Empty<object>() }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Wrong_client_credentials_get_an_oauth_error()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseFor("zalando") };

        var response = await RequestTokenAsync(http, Sim.ClientId, "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_ninth_token_request_in_a_minute_is_throttled_with_retry_after()
    {
        await using var server = await SimulatorServer.StartAsync();
        var options = server.Simulator<ZalandoSimulator>().Options;
        using var http = new HttpClient { BaseAddress = server.BaseFor("zalando") };
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await RequestTokenAsync(http, options.ClientId, options.ClientSecret)).StatusCode);
        }

        var ninth = await RequestTokenAsync(http, options.ClientId, options.ClientSecret);

        Assert.Equal(HttpStatusCode.TooManyRequests, ninth.StatusCode);
        Assert.True(ninth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("8", ninth.Headers.GetValues("X-Rate-Limit").Single());
    }

    [Fact]
    public async Task Shipping_a_line_before_the_tracking_number_is_set_is_unprocessable_in_json_api_shape()
    {
        var orderId = await fixture.PlaceOrderAsync([fixture.Items[0].Sku], Ct);
        using var http = await AuthorizedClientAsync(fixture.Server);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.api+json"));
        var order = await http.GetFromJsonAsync<JsonElement>($"merchants/{Sim.MerchantId}/orders/{orderId}?include=order_items,order_lines", Ct);
        var item = order.GetProperty("included").EnumerateArray().First(r => r.GetProperty("type").GetString() == "OrderItem");
        var itemId = item.GetProperty("id").GetString();
        var lineId = item.GetProperty("relationships").GetProperty("order_lines").GetProperty("data")[0].GetProperty("id").GetString();
        var body = JsonSerializer.Serialize(new { data = new { type = "OrderLine", id = lineId, attributes = new { status = "shipped" } } });
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");

        var response = await http.PatchAsync($"merchants/{Sim.MerchantId}/orders/{orderId}/items/{itemId}/lines/{lineId}", content, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/vnd.api+json", response.Content.Headers.ContentType?.MediaType);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0];
        Assert.Equal("422", error.GetProperty("status").GetString());
        Assert.Contains("tracking_number", error.GetProperty("detail").GetString());
        Assert.Equal("/data/attributes/status", error.GetProperty("source").GetProperty("pointer").GetString());
        Assert.Equal("initial", fixture.ZalandoSimulator.Order(orderId)!.LineStatuses[0]);
    }

    private async Task<HttpClient> AuthorizedClientAsync(SimulatorServer server)
    {
        var http = new HttpClient { BaseAddress = server.BaseFor("zalando") };
        var token = await (await RequestTokenAsync(http, Sim.ClientId, Sim.ClientSecret)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return http;
    }

    private static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));
        return await http.SendAsync(request, Ct);
    }

    /// <summary>These tests each fetch a token; the token limit itself is tested on a server of its own.</summary>
    public sealed class RelaxedTokenFixture : ZalandoAdapterFixture
    {
        protected override void ConfigureSimulators(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
            Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<ZalandoSimulatorOptions>(
                services, o => o.TokenRequestsPerWindow = 1000);
    }
}
