using System.Net.Http.Headers;
using System.Text.Json;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Meta;

public sealed partial class MetaCatalogAdapter
{
    private const int ReadChunk = 100;

    /// <summary>
    /// Reads inventory back through the catalog's products edge filtered on retailer_id (not counted in the
    /// items_batch budget). A product without an inventory number reads as 0 when out of stock and is left out otherwise.
    /// </summary>
    public async Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var http = _httpClients.CreateClient(_httpClientName);
        var readings = new List<ChannelStockReading>();
        foreach (var chunk in skus.Distinct(StringComparer.Ordinal).Chunk(ReadChunk))
        {
            var filter = JsonSerializer.Serialize(new { retailer_id = new { is_any = chunk } });
            string? next = $"{_options.GraphVersion}/{_options.CatalogId}/products?fields=retailer_id,inventory,availability"
                + $"&limit={ReadChunk}&filter={Uri.EscapeDataString(filter)}";
            while (next is not null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"Meta products read answered {(int)response.StatusCode}: {MetaGraph.ReadError(body)?.Message ?? body}", null, response.StatusCode);
                }
                using var document = JsonDocument.Parse(body);
                foreach (var product in document.RootElement.GetProperty("data").EnumerateArray())
                {
                    var sku = product.GetProperty("retailer_id").GetString()!;
                    if (product.TryGetProperty("inventory", out var inventory) && inventory.TryGetInt32(out var quantity))
                    {
                        readings.Add(new ChannelStockReading(sku, quantity));
                    }
                    else if (product.TryGetProperty("availability", out var availability) && availability.GetString() == "out of stock")
                    {
                        readings.Add(new ChannelStockReading(sku, 0));
                    }
                }
                next = document.RootElement.TryGetProperty("paging", out var paging) && paging.TryGetProperty("next", out var n) ? n.GetString() : null;
            }
        }
        return readings;
    }
}
