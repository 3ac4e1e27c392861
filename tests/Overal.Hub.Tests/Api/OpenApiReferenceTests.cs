using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Overal.Hub.Tests.Orders;

namespace Overal.Hub.Tests.Api;

/// <summary>
/// The API reference (/api/reference renders /openapi/v1.json) tells an integrator how to authenticate, how webhooks are
/// signed, and which problem-detail errors each operation can answer.
/// </summary>
public sealed class OpenApiReferenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> DocumentAsync(OrdersHubFactory hub)
    {
        using var anonymous = hub.Server.CreateClient();
        return (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json", Ct))!;
    }

    private static OrdersHubFactory Hub() => new("sqlite", new()
    {
        // Both webhooks are mapped only when their channel is configured.
        ["Channels:Lightspeed:AccessToken"] = "token",
        ["Channels:Lightspeed:BaseUrl"] = "http://127.0.0.1:9/",
        ["Channels:Lightspeed:WebhookSecret"] = "secret",
        ["Channels:Lightspeed:PollSeconds"] = "3600",
        ["Channels:Shopify:AccessToken"] = "token",
        ["Channels:Shopify:ShopDomain"] = "overal-test.myshopify.com",
        ["Channels:Shopify:WebhookSecret"] = "secret",
        ["Channels:Shopify:LocationId"] = "gid://shopify/Location/1",
        ["Channels:Shopify:BaseUrl"] = "http://127.0.0.1:9/",
    });

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    [Fact]
    public async Task The_document_declares_the_api_key_and_the_session_cookie_and_every_api_operation_requires_one()
    {
        await using var hub = Hub();
        var document = await DocumentAsync(hub);

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        var key = schemes.Single(s => s.Value!["in"]?.GetValue<string>() == "header").Value!;
        Assert.Equal(("apiKey", "X-Api-Key"), (key["type"]!.GetValue<string>(), key["name"]!.GetValue<string>()));
        Assert.Contains("SHA-256", key["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var cookie = schemes.Single(s => s.Value!["in"]?.GetValue<string>() == "cookie").Value!;
        Assert.Equal("overal.auth", cookie["name"]!.GetValue<string>());
        Assert.Contains("X-Api-Key", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        var api = Operations(document).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(api);
        Assert.All(api, o =>
        {
            var security = o.Operation["security"]?.AsArray();
            Assert.True(security is { Count: 2 }, $"{o.Method} {o.Path} declares no key or session requirement");
        });
    }

    [Fact]
    public async Task Both_webhooks_explain_how_their_signature_is_verified_and_need_no_key()
    {
        await using var hub = Hub();
        var document = await DocumentAsync(hub);

        var shopify = document["paths"]!["/webhooks/shopify"]!["post"]!.AsObject();
        var lightspeed = document["paths"]!["/webhooks/lightspeed"]!["post"]!.AsObject();
        var shopifyText = shopify["description"]!.GetValue<string>();
        var lightspeedText = lightspeed["description"]!.GetValue<string>();
        foreach (var word in new[] { "X-Shopify-Hmac-SHA256", "HMAC-SHA256", "raw body", "base64", "Channels:Shopify:WebhookSecret" })
        {
            Assert.Contains(word, shopifyText, StringComparison.Ordinal);
        }
        foreach (var word in new[] { "X-Signature", "HMAC-SHA256", "raw body", "hex", "signature=", "Channels:Lightspeed:WebhookSecret" })
        {
            Assert.Contains(word, lightspeedText, StringComparison.Ordinal);
        }
        // Signed, not keyed: no requirement on them and none document-wide.
        Assert.Null(document["security"]);
        Assert.True(shopify["security"] is null or JsonArray { Count: 0 });
        Assert.True(lightspeed["security"] is null or JsonArray { Count: 0 });
        Assert.True(shopify["responses"]!.AsObject().ContainsKey("401"));
        Assert.True(lightspeed["responses"]!.AsObject().ContainsKey("401"));
    }

    [Fact]
    public async Task Every_operation_declares_its_problem_detail_errors()
    {
        await using var hub = Hub();
        var document = await DocumentAsync(hub);

        Assert.All(Operations(document), o =>
        {
            var responses = o.Operation["responses"]!.AsObject();
            var name = $"{o.Method} {o.Path}";
            var secured = o.Operation["security"] is JsonArray { Count: > 0 };
            var expected = new List<string>();
            if (secured) expected.AddRange(["401", "403"]);
            if (o.Path.Contains('{', StringComparison.Ordinal)) expected.Add("404");
            if (o.Operation["parameters"] is JsonArray { Count: > 0 } || o.Operation["requestBody"] is not null) expected.Add("400");
            if (o.Operation["requestBody"] is not null) expected.Add("413");
            if (o.Method == "post" && o.Path.StartsWith("/api/", StringComparison.Ordinal)) expected.AddRange(["409", "422"]);
            foreach (var status in expected)
            {
                Assert.True(responses.ContainsKey(status), $"{name} declares no {status}");
                var content = responses[status]!["content"]?.AsObject();
                Assert.True(content?.ContainsKey("application/problem+json") == true, $"{name} {status} is not a problem detail");
            }
        });
        var problem = document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!.AsObject();
        Assert.True(problem.ContainsKey("detail") && problem.ContainsKey("status") && problem.ContainsKey("title"));
    }
}
