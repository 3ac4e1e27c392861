using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Tests.Compliance;
using Overal.Channels.Tests.Specs;
using Overal.Simulators;
using Overal.Simulators.Bol;

namespace Overal.Channels.Tests.Bol;

/// <summary>The bol simulator rejects what the real API would reject, in bol's problem shape, and accepts what it accepts.</summary>
public sealed class BolSimulatorValidationTests : IAsyncLifetime
{
    private const string V10 = "application/vnd.retailer.v10+json";
    private SimulatorServer _server = null!;
    private readonly HttpClient _http = new();
    private string _offerId = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(s => s.Configure<BolSimulatorOptions>(BolAdapterFixture.Configure));
        var sim = _server.Simulator<BolSimulator>();
        sim.Seed([new SimulatedItem("SKU-1", "8712345000011", "Tee", 10m, 5)]);
        _offerId = sim.OfferIdFor("SKU-1")!;
        var token = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseFor("bol"), "token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        token.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("overal-bol-client:overal-bol-secret")));
        var answer = await (await _http.SendAsync(token, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal(299, answer!["expires_in"]!.GetValue<int>());
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer["access_token"]!.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> PutStock(string json, string contentType = V10, string accept = V10)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(_server.BaseFor("bol"), $"retailer/offers/{_offerId}/stock"))
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        request.Headers.Accept.ParseAdd(accept);
        return _http.SendAsync(request, Ct);
    }

    private static async Task<JsonObject> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("https://api.bol.com/problems", problem["type"]!.ToString());
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.NotNull(problem["title"]);
        Assert.NotNull(problem["detail"]);
        Assert.NotNull(problem["host"]);
        Assert.NotNull(problem["instance"]);
        return problem;
    }

    private static IEnumerable<string> ViolationNames(JsonObject problem) =>
        problem["violations"]!.AsArray().Select(v => v!["name"]!.ToString());

    [Fact]
    public async Task Stock_amount_above_999_is_rejected_with_a_violation_on_amount()
    {
        SpecsRequirement.Folder();
        var problem = await Problem(await PutStock("""{"amount":1000,"managedByRetailer":true}"""), HttpStatusCode.BadRequest);
        Assert.Contains("amount", ViolationNames(problem));
        Assert.Equal(5, _server.Simulator<BolSimulator>().Quantities()["SKU-1"]);
    }

    [Fact]
    public async Task Stock_without_managedByRetailer_is_rejected()
    {
        SpecsRequirement.Folder();
        var problem = await Problem(await PutStock("""{"amount":3}"""), HttpStatusCode.BadRequest);
        Assert.Contains("managedByRetailer", ViolationNames(problem));
    }

    [Fact]
    public async Task Plain_json_content_type_is_refused_as_unsupported_media_type()
    {
        SpecsRequirement.Folder();
        await Problem(await PutStock("""{"amount":3,"managedByRetailer":true}""", contentType: "application/json"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_accept_header_without_the_v10_media_type_is_refused()
    {
        SpecsRequirement.Folder();
        await Problem(await PutStock("""{"amount":3,"managedByRetailer":true}""", accept: "application/json"), HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task An_unknown_cancellation_reason_and_a_bad_orders_query_are_rejected()
    {
        SpecsRequirement.Folder();
        var cancel = new HttpRequestMessage(HttpMethod.Put, new Uri(_server.BaseFor("bol"), "retailer/orders/cancellation"))
        {
            Content = new StringContent("""{"orderItems":[{"orderItemId":"1","reasonCode":"BORED"}]}""", Encoding.UTF8, V10),
        };
        cancel.Headers.Accept.ParseAdd(V10);
        Assert.Contains("orderItems[0].reasonCode", ViolationNames(await Problem(await _http.SendAsync(cancel, Ct), HttpStatusCode.BadRequest)));

        var list = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseFor("bol"), "retailer/orders?page=0&status=SOMETIMES"));
        list.Headers.Accept.ParseAdd(V10);
        var names = ViolationNames(await Problem(await _http.SendAsync(list, Ct), HttpStatusCode.BadRequest)).ToList();
        Assert.Contains("page", names);
        Assert.Contains("status", names);
    }

    [Fact]
    public async Task A_valid_stock_update_is_queued_and_succeeds_after_processing()
    {
        SpecsRequirement.Folder();
        var response = await PutStock("""{"amount":12,"managedByRetailer":true}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(V10, response.Content.Headers.ContentType!.MediaType);
        var process = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("PENDING", process["status"]!.ToString());
        Assert.Equal("UPDATE_OFFER_STOCK", process["eventType"]!.ToString());
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));

        var status = "PENDING";
        for (var i = 0; i < 100 && status == "PENDING"; i++)
        {
            await Task.Delay(20, Ct);
            var poll = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseFor("bol"), $"shared/process-status/{process["processStatusId"]}"));
            poll.Headers.Accept.ParseAdd(V10);
            status = (await (await _http.SendAsync(poll, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.ToString();
        }
        Assert.Equal("SUCCESS", status);
        Assert.Equal(12, _server.Simulator<BolSimulator>().Quantities()["SKU-1"]);
    }

    [Fact]
    public async Task Calls_without_a_token_get_401_in_the_problem_shape()
    {
        using var anonymous = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseFor("bol"), $"retailer/offers/{_offerId}"));
        request.Headers.Accept.ParseAdd(V10);
        await Problem(await anonymous.SendAsync(request, Ct), HttpStatusCode.Unauthorized);
    }
}
