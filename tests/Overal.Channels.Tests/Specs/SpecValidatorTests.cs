using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Overal.Simulators.Specs;

namespace Overal.Channels.Tests.Specs;

/// <summary>The reusable validator against the official documents themselves.</summary>
public sealed class SpecValidatorTests
{
    private const string V10 = "application/vnd.retailer.v10+json";

    private static OpenApiDocument Load(string file) => OpenApiDocument.Load(Path.Combine(SpecsRequirement.Folder(), file));

    private static SpecRequest Request(string method, string path, string? body = null, Dictionary<string, StringValues>? query = null, string contentType = V10) =>
        new(method, path, query ?? [], body is null ? null : contentType, V10, body);

    [Fact]
    public void Literal_paths_win_over_templates()
    {
        var bol = Load("bol/retailer-v10.json");
        Assert.Equal("cancel-order-item", bol.Find("PUT", "/retailer/orders/cancellation")!.OperationId);
        Assert.Equal("get-order", bol.Find("GET", "/retailer/orders/A2K8290LP8")!.OperationId);
        Assert.Equal("get-offer-export", bol.Find("GET", "/retailer/offers/export/123")!.OperationId);
        Assert.Null(bol.Find("PATCH", "/retailer/offers/abc/stock"));
    }

    [Theory]
    [InlineData("""{"amount":"5","managedByRetailer":true}""", "amount")]
    [InlineData("""{"amount":5.5,"managedByRetailer":true}""", "amount")]
    [InlineData("""{"amount":-1,"managedByRetailer":true}""", "amount")]
    [InlineData("""{"amount":5,"managedByRetailer":"yes"}""", "managedByRetailer")]
    public void Stock_bodies_are_checked_for_type_and_range(string body, string violation)
    {
        var violations = Load("bol/retailer-v10.json").Validate(Request("PUT", "/retailer/offers/o-1/stock", body));
        Assert.Contains(violations, v => v.Name == violation);
    }

    [Fact]
    public void Nested_array_items_are_checked_through_refs()
    {
        var bol = Load("bol/retailer-v10.json");
        var violations = bol.Validate(Request("PUT", "/retailer/offers/o-1/price",
            """{"pricing":{"bundlePrices":[{"quantity":25,"unitPrice":0}]}}"""));
        Assert.Contains(violations, v => v.Name == "pricing.bundlePrices[0].quantity");
        Assert.Contains(violations, v => v.Name == "pricing.bundlePrices[0].unitPrice");
        Assert.Empty(bol.Validate(Request("PUT", "/retailer/offers/o-1/price", """{"pricing":{"bundlePrices":[{"quantity":1,"unitPrice":9.99}]}}""")));
        Assert.Contains(bol.Validate(Request("PUT", "/retailer/offers/o-1/price", """{"pricing":{"bundlePrices":[]}}""")),
            v => v.Name == "pricing.bundlePrices");
    }

    [Fact]
    public void Bulk_process_status_accepts_at_most_1000_ids()
    {
        var shared = Load("bol/shared-v10.json");
        string Body(int n) => new JsonObject
        {
            ["processStatusQueries"] = new JsonArray([.. Enumerable.Range(1, n).Select(i => (JsonNode)new JsonObject { ["processStatusId"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })]),
        }.ToJsonString();
        Assert.Empty(shared.Validate(Request("POST", "/shared/process-status", Body(1000))));
        Assert.Contains(shared.Validate(Request("POST", "/shared/process-status", Body(1001))), v => v.Name == "processStatusQueries");
    }

    [Fact]
    public void Swagger_2_query_parameters_are_checked_for_presence_type_and_size()
    {
        var orders = Load("amazon/ordersV0.json");
        Assert.Contains(orders.Validate(Request("GET", "/orders/v0/orders")), v => v.Name == "MarketplaceIds");
        var tooMany = string.Join(',', Enumerable.Range(1, 51).Select(i => "M" + i));
        var violations = orders.Validate(Request("GET", "/orders/v0/orders", query: new()
        {
            ["MarketplaceIds"] = tooMany,
            ["MaxResultsPerPage"] = "many",
        }));
        Assert.Contains(violations, v => v.Name == "MarketplaceIds");
        Assert.Contains(violations, v => v.Name == "MaxResultsPerPage");
        Assert.Empty(orders.Validate(Request("GET", "/orders/v0/orders", query: new() { ["MarketplaceIds"] = "A1805IZSGTT6HS", ["MaxResultsPerPage"] = "100" })));
    }

    [Fact]
    public void A_swagger_body_with_the_wrong_content_type_is_a_media_type_violation()
    {
        var listings = Load("amazon/listingsItems_2021-08-01.json");
        var violations = listings.Validate(Request("PATCH", "/listings/2021-08-01/items/S/SKU",
            """{"productType":"PRODUCT","patches":[{"op":"replace","path":"/attributes/x"}]}""",
            new() { ["marketplaceIds"] = "A1805IZSGTT6HS" }, contentType: "text/plain"));
        Assert.Equal(SpecViolationKind.ContentType, Assert.Single(violations).Kind);
    }

    [Fact]
    public void The_official_listings_feed_example_passes_its_schema_and_a_broken_one_does_not()
    {
        var folder = SpecsRequirement.Folder();
        var validator = new RequestValidator("test", folder, new Dictionary<string, string>(),
            new Dictionary<string, string> { ["feed"] = "amazon/listings-feed-schema-v2.json" }, NullLogger.Instance);
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "amazon/listings-feed-schema-v2.example.json")));
        Assert.Empty(validator.ValidateDocument("feed", example, "example"));

        example!["messages"]![1]!["patches"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/attributes/x" });
        Assert.Contains(validator.ValidateDocument("feed", example, "broken"), v => v.Name == "messages[1]");
    }

    [Fact]
    public void Without_a_specs_folder_validation_is_off_and_everything_passes()
    {
        var validator = new RequestValidator("test", Path.Combine(Path.GetTempPath(), "no-such-specs-" + Guid.NewGuid()),
            new Dictionary<string, string> { ["/retailer"] = "bol/retailer-v10.json" }, new Dictionary<string, string>(), NullLogger.Instance);
        var context = new DefaultHttpContext();
        context.Request.Method = "PUT";

        Assert.False(validator.Enabled);
        Assert.Empty(validator.Validate(context.Request, "/retailer/offers/x/stock", """{"amount":5000}"""));
    }
}
