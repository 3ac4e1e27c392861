using Overal.Channels.Abstractions;
using Overal.Channels.Bol.Internal;

namespace Overal.Channels.Bol;

public sealed partial class BolAdapter
{
    /// <summary>GET offer per SKU for a few; one offer export for many (bol's own advice for full reconciliation).</summary>
    public async Task<IReadOnlyList<ChannelStockReading>> ReadStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        if (skus.Count == 0) return [];
        if (skus.Count > _options.ReadBackExportThreshold)
        {
            var rows = await _offers.ExportAsync(cancellationToken);
            var wanted = skus.ToHashSet(StringComparer.Ordinal);
            return [.. rows.Where(r => wanted.Contains(r.Reference)).Select(r => new ChannelStockReading(r.Reference, r.StockAmount))];
        }
        var resolution = await _offers.ResolveAsync(skus.Select(s => (s, (string?)null)), cancellationToken);
        var offers = resolution.Found;
        if (offers.Count == 0 && resolution.ExportProblem is { } notReady) throw notReady;
        var readings = new List<ChannelStockReading>();
        foreach (var sku in skus)
        {
            if (!offers.TryGetValue(sku, out var offer)) continue;
            var response = await _api.SendAsync(HttpMethod.Get, $"retailer/offers/{Uri.EscapeDataString(offer.OfferId)}", null, cancellationToken);
            if (response.Status == 404)
            {
                _offers.Forget(sku, offer.Ean);
                continue;
            }
            if (response.IsSuccess && response.Json?["stock"]?["amount"]?.GetValue<int>() is { } amount) readings.Add(new ChannelStockReading(sku, amount));
        }
        return readings;
    }
}
