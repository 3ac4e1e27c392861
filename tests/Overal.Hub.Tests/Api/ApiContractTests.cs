using System.Net;
using System.Text.Json.Nodes;
using Overal.Core.Catalog;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Api;

/// <summary>The public read contract of the API (issue #2 §5): paths, camelCase field names, stable ids.</summary>
public abstract class ApiContractTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    private static readonly string[] ChannelIds = ["amazon", "b2b", "bol", "facebook", "instagram", "stores", "webshop", "zalando"];

    [Fact]
    public async Task Locations_are_the_warehouse_and_twelve_stores()
    {
        var locations = (await Api.GetJsonAsync("/api/locations", Ct)).AsArray();

        Assert.Equal(13, locations.Count);
        var ids = locations.Select(l => (string)l!["id"]!).ToList();
        Assert.Contains("warehouse", ids);
        Assert.Equal(12, ids.Count(id => id.StartsWith("store-", StringComparison.Ordinal)));
        Assert.Equal(13, ids.Distinct().Count());
        Assert.All(locations, l =>
        {
            Assert.NotNull(l!["name"]);
            Assert.NotNull(l["shipFromStore"]);
            Assert.NotNull(l["clickAndCollect"]);
        });
        Assert.Contains(locations, l => (bool)l!["shipFromStore"]!);
    }

    [Fact]
    public async Task Channels_have_stable_ids_and_stock_pools()
    {
        var channels = (await Api.GetJsonAsync("/api/channels", Ct)).AsArray();

        Assert.Equal(ChannelIds, channels.Select(c => (string)c!["id"]!).Order().ToArray());
        Assert.All(channels, c => Assert.NotEmpty(c!["pool"]!.AsArray()));
        var webshop = channels.Single(c => (string)c!["id"]! == "webshop")!;
        Assert.Equal("warehouse", (string)webshop["pool"]![0]!["locationId"]!);
        Assert.False((bool)channels.Single(c => (string)c!["id"]! == "stores")!["syncsStock"]!);
        Assert.Equal(12, channels.Single(c => (string)c!["id"]! == "stores")!["pool"]!.AsArray().Count);
    }

    [Fact]
    public async Task Products_page_without_overlap_and_report_the_total()
    {
        var pages = new List<JsonNode>();
        for (var page = 1; page <= 10; page++)
        {
            pages.Add(await Api.GetJsonAsync($"/api/products?page={page}&pageSize=5", Ct));
            if (pages[^1]["items"]!.AsArray().Count == 0) break;
        }

        Assert.All(pages, p => Assert.Equal(HubFactory.DemoStyles, (int)p["total"]!));
        Assert.Equal(5, (int)pages[0]["pageSize"]!);
        Assert.Equal(2, (int)pages[1]["page"]!);
        Assert.All(pages.SkipLast(2), p => Assert.Equal(5, p["items"]!.AsArray().Count));
        Assert.Empty(pages[^1]["items"]!.AsArray());
        var ids = pages.SelectMany(p => p["items"]!.AsArray()).Select(i => (string)i!["id"]!).ToList();
        Assert.Equal(HubFactory.DemoStyles, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Product_search_matches_style_code_and_sku()
    {
        var byStyle = await Api.GetJsonAsync("/api/products?search=ov1001", Ct);
        var sku = TakeSku();
        var bySku = await Api.GetJsonAsync($"/api/products?search={sku}", Ct);
        var none = await Api.GetJsonAsync("/api/products?search=no-such-thing", Ct);

        Assert.Equal(1, (int)byStyle["total"]!);
        Assert.Equal("OV1001", (string)byStyle["items"]![0]!["styleCode"]!);
        Assert.Equal(1, (int)bySku["total"]!);
        Assert.StartsWith((string)bySku["items"]![0]!["styleCode"]!, sku, StringComparison.Ordinal);
        Assert.Equal(0, (int)none["total"]!);
    }

    [Theory]
    [InlineData("page=0", "'page' starts at 1")]
    [InlineData("pageSize=0", "'pageSize' is 1 to")]
    [InlineData("pageSize=201", "'pageSize' is 1 to")]
    [InlineData("page=-3&pageSize=10", "'page' starts at 1")]
    [InlineData("page=abc", "page")]
    public async Task Bad_paging_is_a_400_problem(string query, string detail)
    {
        using var response = await Client.GetAsync($"/api/products?{query}", Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Product_has_variants_with_sku_valid_ean_size_and_colour()
    {
        var page = await Api.GetJsonAsync("/api/products?pageSize=1", Ct);
        var id = (string)page["items"]![0]!["id"]!;

        var product = await Api.GetJsonAsync($"/api/products/{id}", Ct);

        Assert.Equal(id, (string)product["id"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)product["nameNl"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)product["nameFr"]));
        var variants = product["variants"]!.AsArray();
        Assert.NotEmpty(variants);
        Assert.All(variants, v =>
        {
            Assert.StartsWith((string)product["styleCode"]!, (string)v!["sku"]!, StringComparison.Ordinal);
            Assert.True(Ean13.IsValid((string?)v["ean"]), $"'{v["ean"]}' is not a valid EAN-13");
            Assert.False(string.IsNullOrWhiteSpace((string?)v["size"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)v["colour"]));
        });
        Assert.Equal(variants.Count, variants.Select(v => (string)v!["ean"]!).Distinct().Count());
    }

    [Fact]
    public async Task Unknown_product_is_a_404_problem()
    {
        using var response = await Client.GetAsync($"/api/products/{Guid.NewGuid()}", Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.NotFound, "does not exist");
    }

    [Fact]
    public async Task Stock_lists_every_location_and_channel_in_the_contract_shape()
    {
        var sku = TakeSku();

        var stock = await Api.GetJsonAsync($"/api/stock/{sku}", Ct);

        Assert.Equal(sku, (string)stock["sku"]!);
        var locations = stock["locations"]!.AsArray();
        Assert.Equal(13, locations.Count);
        Assert.All(locations, l =>
        {
            int onHand = (int)l!["onHand"]!, reserved = (int)l["reserved"]!, safety = (int)l["safetyStock"]!, atp = (int)l["atp"]!;
            Assert.False(string.IsNullOrEmpty((string?)l["locationId"]));
            Assert.Equal(Math.Max(0, onHand - reserved - safety), atp);
        });
        var channels = stock["channels"]!.AsArray();
        Assert.Equal(ChannelIds, channels.Select(c => (string)c!["channelId"]!).Order().ToArray());
        Assert.All(channels, c => Assert.True((int)c!["available"]! >= 0));
    }

    [Fact]
    public async Task Unknown_sku_stock_is_a_404_problem()
    {
        using var response = await Client.GetAsync("/api/stock/NO-SUCH-SKU", Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.NotFound, "NO-SUCH-SKU");
    }

    [Fact]
    public async Task Explain_terms_add_up_to_the_available_number()
    {
        var sku = TakeSku();
        await Api.SetOnHandAsync(sku, new Dictionary<string, int> { ["warehouse"] = 40, ["store-amsterdam"] = 3, ["store-utrecht"] = 0 }, Ct);
        var stock = await Api.GetJsonAsync($"/api/stock/{sku}", Ct);

        foreach (var channel in stock["channels"]!.AsArray())
        {
            var id = (string)channel!["channelId"]!;
            var explain = await Api.GetJsonAsync($"/api/stock/{sku}/channels/{id}/explain", Ct);

            var pool = explain["pool"]!.AsArray();
            Assert.All(pool, t => Assert.Equal(
                Math.Max(0, (int)t!["onHand"]! - (int)t["reserved"]! - (int)t["safetyStock"]!), (int)t["atp"]!));
            var poolAtp = pool.Sum(t => (int)t!["atp"]!);
            Assert.Equal(poolAtp, (int)explain["poolAtp"]!);
            var share = (int?)explain["sharePercent"];
            var afterShare = share is { } s ? poolAtp * s / 100 : poolAtp;
            Assert.Equal(afterShare, (int)explain["afterShare"]!);
            var afterBuffer = Math.Max(0, afterShare - (int)explain["buffer"]!);
            var expected = (int?)explain["cap"] is { } cap ? Math.Min(cap, afterBuffer) : afterBuffer;
            Assert.Equal(expected, (int)explain["available"]!);
            Assert.Equal((int)channel["available"]!, (int)explain["available"]!);
        }
        var instagram = await Api.GetJsonAsync($"/api/stock/{sku}/channels/instagram/explain", Ct);
        Assert.Equal(39, (int)instagram["available"]!); // warehouse 40, buffer 1, cap 50
    }

    [Fact]
    public async Task Explain_for_an_unknown_channel_is_a_404_problem()
    {
        using var response = await Client.GetAsync($"/api/stock/{TakeSku()}/channels/myspace/explain", Ct);

        await HubApi.ExpectProblemAsync(response, HttpStatusCode.NotFound, "myspace");
    }

    [Fact]
    public async Task OpenApi_document_lists_the_public_paths()
    {
        var document = await Api.GetJsonAsync("/openapi/v1.json", Ct);

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        string[] expected =
        [
            "/api/locations", "/api/channels", "/api/products", "/api/products/{id}", "/api/stock/{sku}",
            "/api/stock/{sku}/channels/{channelId}/explain", "/api/stock/movements", "/api/reservations",
            "/api/reservations/{id}", "/api/reservations/{id}/commit", "/api/reservations/{id}/release",
        ];
        Assert.All(expected, p => Assert.Contains(p, paths));
        Assert.NotNull(document["paths"]!["/api/stock/movements"]!["post"]);
        Assert.NotNull(document["paths"]!["/api/reservations"]!["post"]);
    }

    [Fact]
    public async Task Api_reference_page_is_served()
    {
        using var response = await Client.GetAsync("/api/reference", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Scalar", html, StringComparison.Ordinal);
        Assert.Contains("openapi", html, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteApiContractTests(SqliteHub hub) : ApiContractTests<SqliteHub>(hub);

public sealed class PostgresApiContractTests(PostgresHub hub) : ApiContractTests<PostgresHub>(hub);
