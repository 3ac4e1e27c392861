using Overal.Channels.Amazon.Internal;
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
            var response = await ReadListingAsync(
                $"listings/2021-08-01/items/{Uri.EscapeDataString(_options.SellerId)}/{Uri.EscapeDataString(sku)}?marketplaceIds={marketplace}&includedData=fulfillmentAvailability",
                cancellationToken);
            if (!response.IsSuccess) continue;
            var availability = (response.Json?["fulfillmentAvailability"] as System.Text.Json.Nodes.JsonArray ?? [])
                .FirstOrDefault(a => a?["fulfillmentChannelCode"]?.ToString() == "DEFAULT");
            if (availability?["quantity"]?.GetValue<int>() is { } quantity) readings.Add(new ChannelStockReading(sku, quantity));
        }
        return readings;
    }

    /// <summary>
    /// One getListingsItem, waiting out a throttle: our bucket paces the calls, but Amazon's own bucket can still answer
    /// QuotaExceeded (its clock is not ours, and calls bunch up on the way). A reconciliation that stopped there would
    /// drop every reading after it, so a throttled read waits as long as Amazon asks and tries again, a few times.
    /// </summary>
    private async Task<AmazonResponse> ReadListingAsync(string path, CancellationToken cancellationToken)
    {
        const int throttlesBeforeGivingUp = 5;
        for (var throttles = 1; ; throttles++)
        {
            try
            {
                return await _api.SendAsync("getListingsItem", HttpMethod.Get, path, null, cancellationToken);
            }
            catch (AmazonUnavailableException e) when (e.Throttled && throttles < throttlesBeforeGivingUp)
            {
                await Task.Delay(e.ThrottledFor!.Value, _time, cancellationToken);
            }
        }
    }
}
