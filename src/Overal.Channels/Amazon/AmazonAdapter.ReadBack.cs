using Overal.Channels.Abstractions;

namespace Overal.Channels.Amazon;

public sealed partial class AmazonAdapter
{
    /// <summary>getListingsItem with includedData=fulfillmentAvailability per SKU (paced by its bucket).</summary>
    public async Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var readings = new List<ChannelStockReading>();
        var marketplace = Uri.EscapeDataString(Marketplaces[0]);
        foreach (var sku in skus)
        {
            var response = await _api.SendAsync("getListingsItem", HttpMethod.Get,
                $"listings/2021-08-01/items/{Uri.EscapeDataString(_options.SellerId)}/{Uri.EscapeDataString(sku)}?marketplaceIds={marketplace}&includedData=fulfillmentAvailability",
                null, cancellationToken);
            if (!response.IsSuccess) continue;
            var availability = (response.Json?["fulfillmentAvailability"] as System.Text.Json.Nodes.JsonArray ?? [])
                .FirstOrDefault(a => a?["fulfillmentChannelCode"]?.ToString() == "DEFAULT");
            if (availability?["quantity"]?.GetValue<int>() is { } quantity) readings.Add(new ChannelStockReading(sku, quantity));
        }
        return readings;
    }
}
