using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>
/// The hub's public API as the tests call it: JSON in and out through plain <see cref="JsonNode"/>s, so a renamed
/// field fails a test instead of silently deserialising to a default.
/// </summary>
public sealed class HubApi(HttpClient client)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public HttpClient Client => client;

    public async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        PostRawAsync(path, JsonSerializer.Serialize(body, Json), cancellationToken, idempotencyKey);

    public async Task<HttpResponseMessage> PostRawAsync(string path, string json, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> MoveAsync(object movement, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        PostAsync("/api/stock/movements", movement, cancellationToken, idempotencyKey);

    /// <summary>Sets on-hand at each location with count movements (the way a stocktake would).</summary>
    public async Task SetOnHandAsync(string sku, IReadOnlyDictionary<string, int> onHand, CancellationToken cancellationToken)
    {
        foreach (var (location, quantity) in onHand)
        {
            using var response = await MoveAsync(new { sku, locationId = location, type = "count", quantity, reason = "test setup" }, cancellationToken);
            await ExpectAsync(response, HttpStatusCode.Created);
        }
    }

    /// <summary>Counts every location of the SKU to 0, then sets the given ones: the SKU's stock is exactly what the test says.</summary>
    public async Task SetOnlyStockAsync(string sku, IReadOnlyDictionary<string, int> onHand, CancellationToken cancellationToken)
    {
        var stock = await GetJsonAsync($"/api/stock/{sku}", cancellationToken);
        var zero = stock["locations"]!.AsArray().Select(l => (string)l!["locationId"]!).Where(l => !onHand.ContainsKey(l))
            .ToDictionary(l => l, _ => 0);
        await SetOnHandAsync(sku, zero, cancellationToken);
        await SetOnHandAsync(sku, onHand, cancellationToken);
    }

    public Task<HttpResponseMessage> ReserveAsync(object reservation, CancellationToken cancellationToken, string? idempotencyKey = null) =>
        PostAsync("/api/reservations", reservation, cancellationToken, idempotencyKey);

    public async Task<JsonNode> ReserveOkAsync(object reservation, CancellationToken cancellationToken)
    {
        using var response = await ReserveAsync(reservation, cancellationToken);
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Per location: (onHand, reserved, safetyStock, atp) from GET /api/stock/{sku}.</summary>
    public async Task<Dictionary<string, (int OnHand, int Reserved, int SafetyStock, int Atp)>> LevelsAsync(string sku, CancellationToken cancellationToken)
    {
        var stock = await GetJsonAsync($"/api/stock/{sku}", cancellationToken);
        return stock["locations"]!.AsArray().ToDictionary(
            l => (string)l!["locationId"]!,
            l => ((int)l!["onHand"]!, (int)l["reserved"]!, (int)l["safetyStock"]!, (int)l["atp"]!));
    }

    /// <summary>Asserts the status (showing the body when it differs) and returns the parsed body.</summary>
    public static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    /// <summary>Asserts an RFC 9457 problem details response with this status and a detail containing the fragment.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var problem = await ExpectAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (int)problem["status"]!);
        var detail = (string?)problem["detail"];
        Assert.False(string.IsNullOrWhiteSpace(detail), "The problem has no detail.");
        Assert.Contains(detailContains, detail, StringComparison.OrdinalIgnoreCase);
        return problem;
    }
}
