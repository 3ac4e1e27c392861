using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Overal.Channels.Tests.Specs;

namespace Overal.Channels.Tests.Amazon;

/// <summary>The SP-API simulator rejects what the real API would reject, as {errors:[{code,message,details}]}, and accepts what it accepts.</summary>
public sealed class AmazonSimulatorValidationTests : IAsyncLifetime
{
    private readonly AmazonAdapterFixture _f = new();
    private readonly HttpClient _http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _f.InitializeAsync();
        var token = await _http.PostAsync(new Uri(_f.Base, "auth/o2/token"), new FormUrlEncodedContent(
        [
            new("grant_type", "refresh_token"), new("refresh_token", _f.Sim.Options.RefreshToken),
            new("client_id", _f.Sim.Options.ClientId), new("client_secret", _f.Sim.Options.ClientSecret),
        ]), Ct);
        var json = (await token.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(3600, json["expires_in"]!.GetValue<int>());
        _http.DefaultRequestHeaders.Add("x-amz-access-token", json["access_token"]!.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _f.DisposeAsync();
    }

    private Task<HttpResponseMessage> Patch(string sku, string body, string marketplaces = "A1805IZSGTT6HS") =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, new Uri(_f.Base, $"listings/2021-08-01/items/{_f.Sim.Options.SellerId}/{sku}?marketplaceIds={marketplaces}"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, Ct);

    private static async Task<JsonArray> Errors(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.True(response.Headers.Contains("x-amzn-RateLimit-Limit"));
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.Equal(code, e!["code"]!.ToString());
            Assert.False(string.IsNullOrEmpty(e["message"]?.ToString()));
        });
        return errors;
    }

    private const string ValidPatch = """{"productType":"PRODUCT","patches":[{"op":"replace","path":"/attributes/fulfillment_availability","value":[{"fulfillment_channel_code":"DEFAULT","quantity":6}]}]}""";

    [Fact]
    public async Task A_patch_with_an_unknown_op_is_rejected_as_invalid_input()
    {
        SpecsRequirement.Folder();
        var errors = await Errors(await Patch(_f.Items[0].Sku, ValidPatch.Replace("\"replace\"", "\"frobnicate\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Contains(errors, e => e!["message"]!.ToString().Contains("patches[0].op", StringComparison.Ordinal));
        Assert.Equal(10, _f.Sim.Quantities()[_f.Items[0].Sku]);
    }

    [Fact]
    public async Task A_patch_without_product_type_is_rejected_as_invalid_input()
    {
        SpecsRequirement.Folder();
        var errors = await Errors(await Patch(_f.Items[0].Sku, ValidPatch.Replace("\"productType\":\"PRODUCT\",", "", StringComparison.Ordinal)), HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Contains(errors, e => e!["details"]!.ToString() == "productType");
    }

    [Fact]
    public async Task Get_orders_without_marketplace_ids_and_a_shipment_without_tracking_number_are_rejected()
    {
        SpecsRequirement.Folder();
        await Errors(await _http.GetAsync(new Uri(_f.Base, "orders/v0/orders?LastUpdatedAfter=2026-01-01T00:00:00Z"), Ct), HttpStatusCode.BadRequest, "InvalidInput");
        var orderId = await _f.PlaceOrderAsync([_f.Items[0].Sku], Ct);
        var confirm = await _http.PostAsync(new Uri(_f.Base, $"orders/v0/orders/{orderId}/shipmentConfirmation"), new StringContent(
            """{"marketplaceId":"A1805IZSGTT6HS","packageDetail":{"packageReferenceId":"1","carrierCode":"PostNL","shipDate":"2026-11-23T10:00:00Z","orderItems":[{"orderItemId":"1","quantity":1}]}}""",
            Encoding.UTF8, "application/json"), Ct);
        var errors = await Errors(confirm, HttpStatusCode.BadRequest, "InvalidInput");
        Assert.Contains(errors, e => e!["details"]!.ToString() == "packageDetail.trackingNumber");
    }

    [Fact]
    public async Task A_valid_patch_is_accepted_and_read_back()
    {
        SpecsRequirement.Folder();
        var response = await Patch(_f.Items[1].Sku, ValidPatch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("x-amzn-RateLimit-Limit").Single());
        var submission = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("ACCEPTED", submission["status"]!.ToString());
        Assert.False(string.IsNullOrEmpty(submission["submissionId"]?.ToString()));

        var item = (await _http.GetFromJsonAsync<JsonObject>(new Uri(_f.Base,
            $"listings/2021-08-01/items/{_f.Sim.Options.SellerId}/{_f.Items[1].Sku}?marketplaceIds=A1805IZSGTT6HS&includedData=fulfillmentAvailability"), Ct))!;
        Assert.Equal(6, item["fulfillmentAvailability"]![0]!["quantity"]!.GetValue<int>());
        Assert.Empty(_f.Sim.Validator.Recorded);
    }

    [Fact]
    public async Task Calls_without_an_access_token_are_refused_with_403()
    {
        using var anonymous = new HttpClient();
        var response = await anonymous.GetAsync(new Uri(_f.Base, "orders/v0/orders?MarketplaceIds=A1805IZSGTT6HS&LastUpdatedAfter=2026-01-01T00:00:00Z"), Ct);
        await Errors(response, HttpStatusCode.Forbidden, "Unauthorized");
    }

    [Fact]
    public async Task The_patch_bucket_allows_its_burst_then_answers_quota_exceeded()
    {
        // A slow refill keeps the count exact however slowly this machine runs; the burst is the contract's.
        _f.Sim.Options.RateLimits["patchListingsItem"] = new(0.01, 10);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await Patch(_f.Items[2].Sku, ValidPatch)).StatusCode);

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        var throttled = await Patch(_f.Items[2].Sku, ValidPatch);
        Assert.Equal("0.01", throttled.Headers.GetValues("x-amzn-RateLimit-Limit").Single());
        await Errors(throttled, HttpStatusCode.TooManyRequests, "QuotaExceeded");
    }

    [Fact]
    public async Task A_feed_document_that_breaks_the_listings_feed_schema_ends_fatal_with_issues()
    {
        SpecsRequirement.Folder();
        var doc = (await (await _http.PostAsJsonAsync(new Uri(_f.Base, "feeds/2021-06-30/documents"), new { contentType = "application/json; charset=UTF-8" }, Ct))
            .Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var bad = $$"""{"header":{"sellerId":"{{_f.Sim.Options.SellerId}}","version":"1.0"},"messages":[{"messageId":1,"sku":"{{_f.Items[0].Sku}}","operationType":"SHOUT"}]}""";
        (await _http.PutAsync(new Uri(doc["url"]!.ToString()), new StringContent(bad, Encoding.UTF8, "application/json"), Ct)).EnsureSuccessStatusCode();
        var feed = (await (await _http.PostAsJsonAsync(new Uri(_f.Base, "feeds/2021-06-30/feeds"),
            new { feedType = "JSON_LISTINGS_FEED", marketplaceIds = new[] { "A1805IZSGTT6HS" }, inputFeedDocumentId = doc["feedDocumentId"]!.ToString() }, Ct))
            .Content.ReadFromJsonAsync<JsonObject>(Ct))!;

        JsonObject state;
        var polls = 0;
        do
        {
            await Task.Delay(50, Ct);
            state = (await _http.GetFromJsonAsync<JsonObject>(new Uri(_f.Base, $"feeds/2021-06-30/feeds/{feed["feedId"]}"), Ct))!;
        }
        while (state["processingStatus"]!.ToString() == "IN_QUEUE" && ++polls < 100);

        Assert.Equal("FATAL", state["processingStatus"]!.ToString());
        var result = (await _http.GetFromJsonAsync<JsonObject>(new Uri(_f.Base, $"feeds/2021-06-30/documents/{state["resultFeedDocumentId"]}"), Ct))!;
        var report = (await _http.GetFromJsonAsync<JsonObject>(new Uri(result["url"]!.ToString()), Ct))!;
        var messages = report["issues"]!.AsArray().Select(i => i!["message"]!.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("header.version", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("messages[0]", StringComparison.Ordinal));
        Assert.Equal(10, _f.Sim.Quantities()[_f.Items[0].Sku]);
    }
}
