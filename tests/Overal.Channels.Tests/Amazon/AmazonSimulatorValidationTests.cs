using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Overal.Channels.Tests.Specs;

namespace Overal.Channels.Tests.Amazon;

/// <summary>The SP-API simulator rejects what the real API would reject, as {errors:[{code,message,details}]}, and accepts what it accepts.</summary>
public sealed class AmazonSimulatorValidationTests : IAsyncLifetime
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AmazonAdapterFixture _f;

    public AmazonSimulatorValidationTests() => _f = new AmazonAdapterFixture { Clock = _clock };
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
    public async Task A_feed_document_that_breaks_the_listings_feed_schema_ends_fatal_with_issues_in_a_gzip_report()
    {
        SpecsRequirement.Folder();
        var bad = $$"""{"header":{"sellerId":"{{_f.Sim.Options.SellerId}}","version":"1.0"},"messages":[{"messageId":1,"sku":"{{_f.Items[0].Sku}}","operationType":"SHOUT"}]}""";
        var feedId = await SubmitFeedAsync("JSON_LISTINGS_FEED", "application/json; charset=UTF-8", bad);

        var (status, report) = await ProcessedAsync(feedId);

        Assert.Equal("FATAL", status);
        var messages = JsonNode.Parse(report)!["issues"]!.AsArray().Select(i => i!["message"]!.ToString()).ToList();
        Assert.Contains(messages, m => m.StartsWith("header.version", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("messages[0]", StringComparison.Ordinal));
        Assert.Equal(10, _f.Sim.Quantities()[_f.Items[0].Sku]);
    }

    [Fact]
    public async Task An_upload_whose_content_type_differs_from_the_declared_one_is_refused_like_a_bad_signature()
    {
        var doc = (await (await _http.PostAsJsonAsync(new Uri(_f.Base, "feeds/2021-06-30/documents"), new { contentType = "application/json; charset=UTF-8" }, Ct))
            .Content.ReadFromJsonAsync<JsonObject>(Ct))!;

        // What StringContent writes by itself: the same media type, but not the signed header.
        var refused = await _http.PutAsync(new Uri(doc["url"]!.ToString()), new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var created = await _http.PostAsJsonAsync(new Uri(_f.Base, "feeds/2021-06-30/feeds"),
            new { feedType = "JSON_LISTINGS_FEED", marketplaceIds = new[] { "A1805IZSGTT6HS" }, inputFeedDocumentId = doc["feedDocumentId"]!.ToString() }, Ct);
        await Errors(created, HttpStatusCode.BadRequest, "InvalidInput");
    }

    [Theory]
    [InlineData("<CancelReason>OutOfStock</CancelReason>", "CancelReason")]
    [InlineData("<Quantity>0</Quantity>", "Quantity")]
    [InlineData("<CancelReason>NoInventory</CancelReason><Colour>red</Colour>", "Colour")]
    public async Task An_order_acknowledgement_that_breaks_the_xsd_is_reported_with_errors_and_cancels_nothing(string itemTail, string named)
    {
        SpecsRequirement.Folder();
        var orderId = await _f.PlaceOrderAsync([_f.Items[0].Sku], Ct);
        var itemCode = _f.Sim.CancelledUnits(orderId).Keys.Single();
        var feedId = await SubmitFeedAsync("POST_ORDER_ACKNOWLEDGEMENT_DATA", "text/xml; charset=UTF-8", Acknowledgement(orderId, itemCode, itemTail));

        var (status, report) = await ProcessedAsync(feedId);

        Assert.Equal("DONE", status);
        var processing = XDocument.Parse(report).Descendants("ProcessingReport").Single();
        var errors = processing.Elements("Result").Where(r => r.Element("ResultCode")!.Value == "Error").Select(r => r.Element("ResultDescription")!.Value).ToList();
        Assert.Contains(errors, e => e.Contains(named, StringComparison.Ordinal));
        Assert.Equal("Rejected", processing.Element("StatusCode")!.Value);
        Assert.Equal("Unshipped", _f.Sim.OrderState(orderId)!.Value.Status);
    }

    [Fact]
    public async Task A_valid_order_acknowledgement_with_status_failure_cancels_the_order()
    {
        SpecsRequirement.Folder();
        var orderId = await _f.PlaceOrderAsync([_f.Items[0].Sku], Ct);
        var itemCode = _f.Sim.CancelledUnits(orderId).Keys.Single();
        var feedId = await SubmitFeedAsync("POST_ORDER_ACKNOWLEDGEMENT_DATA", "text/xml; charset=UTF-8", Acknowledgement(orderId, itemCode, "<CancelReason>NoInventory</CancelReason>"));

        var (status, report) = await ProcessedAsync(feedId);

        Assert.Equal("DONE", status);
        var processing = XDocument.Parse(report).Descendants("ProcessingReport").Single();
        Assert.Equal("Complete", processing.Element("StatusCode")!.Value);
        Assert.Empty(processing.Elements("Result"));
        Assert.Equal("Canceled", _f.Sim.OrderState(orderId)!.Value.Status);
    }

    private string Acknowledgement(string orderId, string itemCode, string itemTail) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
          <Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>{_f.Sim.Options.SellerId}</MerchantIdentifier></Header>
          <MessageType>OrderAcknowledgement</MessageType>
          <Message>
            <MessageID>1</MessageID>
            <OrderAcknowledgement>
              <AmazonOrderID>{orderId}</AmazonOrderID>
              <StatusCode>Failure</StatusCode>
              <Item><AmazonOrderItemCode>{itemCode}</AmazonOrderItemCode>{itemTail}</Item>
            </OrderAcknowledgement>
          </Message>
        </AmazonEnvelope>
        """;

    private async Task<string> SubmitFeedAsync(string feedType, string contentType, string content)
    {
        var doc = (await (await _http.PostAsJsonAsync(new Uri(_f.Base, "feeds/2021-06-30/documents"), new { contentType }, Ct))
            .Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        using var upload = new HttpRequestMessage(HttpMethod.Put, new Uri(doc["url"]!.ToString())) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(content)) };
        upload.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        (await _http.SendAsync(upload, Ct)).EnsureSuccessStatusCode();
        var feed = await _http.PostAsJsonAsync(new Uri(_f.Base, "feeds/2021-06-30/feeds"),
            new { feedType, marketplaceIds = new[] { "A1805IZSGTT6HS" }, inputFeedDocumentId = doc["feedDocumentId"]!.ToString() }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, feed.StatusCode);
        return (await feed.Content.ReadFromJsonAsync<JsonObject>(Ct))!["feedId"]!.ToString();
    }

    /// <summary>IN_QUEUE until the processing time has passed on the simulator's clock; then the report, GZIP-compressed.</summary>
    private async Task<(string Status, string Report)> ProcessedAsync(string feedId)
    {
        var url = new Uri(_f.Base, $"feeds/2021-06-30/feeds/{feedId}");
        Assert.Equal("IN_QUEUE", (await _http.GetFromJsonAsync<JsonObject>(url, Ct))!["processingStatus"]!.ToString());
        _clock.Advance(_f.Sim.Options.FeedProcessingDelay);
        var state = (await _http.GetFromJsonAsync<JsonObject>(url, Ct))!;
        var document = (await _http.GetFromJsonAsync<JsonObject>(new Uri(_f.Base, $"feeds/2021-06-30/documents/{state["resultFeedDocumentId"]}"), Ct))!;
        Assert.Equal("GZIP", document["compressionAlgorithm"]!.ToString());
        var compressed = await _http.GetByteArrayAsync(new Uri(document["url"]!.ToString()), Ct);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return (state["processingStatus"]!.ToString(), await reader.ReadToEndAsync(Ct));
    }
}
