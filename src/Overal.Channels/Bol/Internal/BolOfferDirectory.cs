using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Overal.Channels.Bol.Internal;

/// <summary>
/// The hub knows SKU and EAN; bol wants its offer id. v10 has no offer search, so the ids come from an offer export
/// (CSV), where the offer's <c>reference</c> (we set it to our SKU) or its EAN identifies it. Cached; an export is
/// made at most once per refresh interval.
/// </summary>
internal sealed class BolOfferDirectory(BolApi api, BolProcessTracker tracker, BolAdapterOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BolOfferRow> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BolOfferRow> _byEan = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _exporting = new(1, 1);
    private DateTimeOffset _lastExport = DateTimeOffset.MinValue;

    public BolOfferRow? Find(string sku, string? ean) =>
        _byReference.TryGetValue(sku, out var row) ? row
        : ean is not null && _byEan.TryGetValue(ean, out var byEan) ? byEan : null;

    /// <summary>Offer rows for these items; unknown ones trigger one export (unless one was made very recently).</summary>
    public async Task<Dictionary<string, BolOfferRow>> ResolveAsync(IEnumerable<(string Sku, string? Ean)> items, CancellationToken cancellationToken)
    {
        var list = items.ToList();
        if (list.Any(i => Find(i.Sku, i.Ean) is null) && time.GetUtcNow() - _lastExport >= options.OfferDirectoryRefreshInterval)
        {
            await ExportAsync(cancellationToken);
        }
        var found = new Dictionary<string, BolOfferRow>(StringComparer.Ordinal);
        foreach (var (sku, ean) in list)
        {
            if (Find(sku, ean) is { } row) found[sku] = row;
        }
        return found;
    }

    public void Forget(string sku, string? ean)
    {
        _byReference.TryRemove(sku, out _);
        if (ean is not null) _byEan.TryRemove(ean, out _);
    }

    /// <summary>Requests a full offer export, waits for it and reads the CSV (also the read-back path for many SKUs).</summary>
    public async Task<IReadOnlyList<BolOfferRow>> ExportAsync(CancellationToken cancellationToken)
    {
        await _exporting.WaitAsync(cancellationToken);
        try
        {
            var created = await api.SendAsync(HttpMethod.Post, "retailer/offers/export", new JsonObject { ["format"] = "CSV" }, cancellationToken);
            if (!created.IsSuccess) throw new InvalidOperationException("bol refused the offer export: " + BolApi.Detail(created.Body));
            var process = BolProcessOutcome.From(created.Json)!;
            if (process.Status == "PENDING") process = (await tracker.AwaitAsync([process.Id], cancellationToken))[process.Id];
            if (process.Status != "SUCCESS") throw new BolUnavailableException("offer export not ready: " + (process.Error ?? process.Status), process.RetryAfter);
            var report = await api.SendAsync(HttpMethod.Get, $"retailer/offers/export/{Uri.EscapeDataString(process.EntityId)}", null,
                cancellationToken, accept: "application/vnd.retailer.v10+csv");
            if (!report.IsSuccess) throw new BolUnavailableException("offer export could not be read: " + report.Status, null);
            var rows = Parse(report.Body);
            _lastExport = time.GetUtcNow();
            foreach (var row in rows)
            {
                if (row.Reference.Length > 0) _byReference[row.Reference] = row;
                _byEan[row.Ean] = row;
            }
            return rows;
        }
        finally
        {
            _exporting.Release();
        }
    }

    private static List<BolOfferRow> Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return [];
        var header = lines[0].Split(',').Select((name, index) => (name, index)).ToDictionary(h => h.name, h => h.index, StringComparer.OrdinalIgnoreCase);
        string Cell(string[] cells, string name) => header.TryGetValue(name, out var i) && i < cells.Length ? cells[i].Trim('"') : "";
        var rows = new List<BolOfferRow>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            rows.Add(new BolOfferRow(
                Cell(cells, "offerId"), Cell(cells, "ean"), Cell(cells, "referenceCode"),
                int.TryParse(Cell(cells, "stockAmount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount) ? amount : 0));
        }
        return rows;
    }
}
