using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Overal.Bench.Sync;

/// <summary>
/// One stock change per call: mostly a signed Lightspeed sale.update webhook (form field `payload`, HMAC-SHA256 hex
/// of the raw body in X-Signature) for a unit at a ship-from-store store, sometimes a warehouse adjustment through the
/// stock API. Each (SKU, location) target is used once per pass; odd passes sell a unit and even passes return it,
/// so stock oscillates instead of running out and every call changes a channel value.
/// </summary>
public sealed class SignedSales(HttpClient hub, string secret, IReadOnlyList<StockTarget> stores, IReadOnlyList<StockTarget> warehouse, double warehouseShare)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);
    private long _storeSeq;
    private long _warehouseSeq;
    private long _changes;

    /// <summary>Stock changes the hub reported as recorded (not replays, not clamped away).</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public void ResetChanges() => Interlocked.Exchange(ref _changes, 0);

    /// <summary>Every 1/share-th sequence number goes to the warehouse, evenly spread.</summary>
    public Task ChangeAsync(long sequence, CancellationToken cancellationToken) =>
        warehouse.Count > 0 && Math.Floor((sequence + 1) * warehouseShare) > Math.Floor(sequence * warehouseShare) ? AdjustWarehouseAsync(cancellationToken) : SellAsync(cancellationToken);

    private async Task SellAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _storeSeq) - 1;
        var target = stores[(int)(n % stores.Count)];
        var quantity = (n / stores.Count) % 2 == 0 ? 1 : -1;
        // Milliseconds in sale_date (Lightspeed itself sends whole seconds): the hub takes the sale's time as the
        // origin of propagation, and whole seconds would add 0–1 s to every figure that is not the hub's doing.
        var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var saleId = Guid.CreateVersion7().ToString();
        var sale = new JsonObject
        {
            ["id"] = saleId,
            ["outlet_id"] = target.OutletId,
            ["register_id"] = "0242ac12-0002-11ee-e6d3-00000000b001",
            ["status"] = "CLOSED",
            ["state"] = "closed",
            ["sale_date"] = at,
            ["created_at"] = at,
            ["version"] = n,
            ["line_items"] = new JsonArray(new JsonObject
            {
                ["id"] = Guid.CreateVersion7().ToString(),
                ["product_id"] = "bench-" + target.Sku,
                ["sku"] = target.Sku,
                ["quantity"] = quantity,
                ["price"] = 40m,
                ["tax"] = 8.4m,
                ["status"] = "CONFIRMED",
                ["is_return"] = quantity < 0,
            }),
        };
        var body = "type=sale.update&domain_prefix=overal&payload=" + Uri.EscapeDataString(sale.ToJsonString());
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/lightspeed") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation("X-Signature", $"signature={Convert.ToHexStringLower(HMACSHA256.HashData(_key, bytes))}, algorithm=HMAC-SHA256");
        using var response = await hub.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"webhook {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var receipt = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        Interlocked.Add(ref _changes, receipt?["recorded"]?.GetValue<int>() ?? 0);
    }

    private async Task AdjustWarehouseAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _warehouseSeq) - 1;
        var target = warehouse[(int)(n % warehouse.Count)];
        var quantity = (n / warehouse.Count) % 2 == 0 ? -1 : 1;
        using var response = await hub.PostAsJsonAsync("/api/stock/movements",
            new { sku = target.Sku, locationId = target.LocationId, type = "adjustment", quantity, reason = "sync benchmark" }, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"movement {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        Interlocked.Increment(ref _changes);
    }
}
