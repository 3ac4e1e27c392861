using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Overal.Channels.Bol.Internal;

/// <summary>
/// The hub knows SKU and EAN; bol wants its offer id. v10 has no offer search, so the ids come from an offer export
/// (CSV), where the offer's <c>reference</c> (we set it to our SKU) or its EAN identifies it. Cached; an export is
/// made at most once per refresh interval, and at most one is ever in preparation: bol can take minutes over a large
/// assortment, so a pending export is polled on later calls rather than asked for again.
/// </summary>
internal sealed class BolOfferDirectory(BolApi api, BolProcessTracker tracker, BolAdapterOptions options, TimeProvider time)
{
    private static readonly CsvReaderOptions ExportFormat = new() { Separator = ',', IncludeValuesInExceptions = false };
    private readonly ConcurrentDictionary<string, BolOfferRow> _byReference = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BolOfferRow> _byEan = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _exporting = new(1, 1);
    private DateTimeOffset _lastExport = DateTimeOffset.MinValue;
    private PendingExport? _pending;

    public BolOfferRow? Find(string sku, string? ean) =>
        _byReference.TryGetValue(sku, out var row) ? row
        : ean is not null && _byEan.TryGetValue(ean, out var byEan) ? byEan : null;

    /// <summary>
    /// Offer rows for these items. Unknown ones trigger an export (or a look at the pending one); the rows already
    /// known are returned even when that export is not ready, with the reason the others are missing.
    /// </summary>
    public async Task<OfferResolution> ResolveAsync(IEnumerable<(string Sku, string? Ean)> items, CancellationToken cancellationToken)
    {
        var list = items.ToList();
        BolUnavailableException? exportProblem = null;
        if (list.Any(i => Find(i.Sku, i.Ean) is null) && (_pending is not null || time.GetUtcNow() - _lastExport >= options.OfferDirectoryRefreshInterval))
        {
            try
            {
                await ExportAsync(cancellationToken);
            }
            catch (BolUnavailableException e)
            {
                exportProblem = e;
            }
        }
        var found = new Dictionary<string, BolOfferRow>(StringComparer.Ordinal);
        foreach (var (sku, ean) in list)
        {
            if (Find(sku, ean) is { } row) found[sku] = row;
        }
        return new OfferResolution(found, exportProblem);
    }

    public void Forget(string sku, string? ean)
    {
        _byReference.TryRemove(sku, out _);
        if (ean is not null) _byEan.TryRemove(ean, out _);
    }

    /// <summary>
    /// The rows of a finished offer export (also the read-back path for many SKUs): asks for one when none is in
    /// preparation, else looks at the pending one. Throws <see cref="BolUnavailableException"/> while it is not ready:
    /// with a Retry-After while bol is still within <see cref="BolAdapterOptions.OfferExportPatience"/>, without one
    /// (a failure to count) when the export failed or is stuck.
    /// </summary>
    public async Task<IReadOnlyList<BolOfferRow>> ExportAsync(CancellationToken cancellationToken)
    {
        await _exporting.WaitAsync(cancellationToken);
        try
        {
            BolProcessOutcome process;
            if (_pending is { } pending)
            {
                process = (await tracker.CheckAsync([pending.ProcessId], cancellationToken))[pending.ProcessId];
            }
            else
            {
                var created = await api.SendAsync(HttpMethod.Post, "retailer/offers/export", new JsonObject { ["format"] = "CSV" }, cancellationToken);
                if (!created.IsSuccess) throw new BolUnavailableException("bol refused the offer export: " + BolApi.Detail(created.Body), null);
                process = BolProcessOutcome.From(created.Json)
                    ?? throw new BolUnavailableException("bol answered the offer export request without a process status", null);
                _pending = new PendingExport(process.Id, time.GetUtcNow());
                if (process.Status == "PENDING") process = (await tracker.AwaitAsync([process.Id], cancellationToken))[process.Id];
            }

            switch (process.Status)
            {
                case "SUCCESS":
                    _pending = null;
                    return await ReadExportAsync(process.EntityId, cancellationToken);
                case "PENDING":
                    var waited = time.GetUtcNow() - _pending!.RequestedAt;
                    if (waited < options.OfferExportPatience)
                    {
                        throw new BolUnavailableException(
                            $"waiting for bol to prepare offer export {process.Id} (asked {Minutes(waited)} ago) to find the offer",
                            process.RetryAfter ?? options.OfferExportCheckInterval);
                    }
                    _pending = null;
                    throw new BolUnavailableException(
                        $"bol has not finished offer export {process.Id} in {Minutes(waited)}: offers cannot be found; a new export will be asked for", null);
                default:
                    _pending = null;
                    throw new BolUnavailableException($"bol's offer export {process.Id} ended {process.Status}: {process.Error ?? "no reason given"}", null);
            }
        }
        finally
        {
            _exporting.Release();
        }
    }

    private async Task<IReadOnlyList<BolOfferRow>> ReadExportAsync(string reportId, CancellationToken cancellationToken)
    {
        var report = await api.SendAsync(HttpMethod.Get, $"retailer/offers/export/{Uri.EscapeDataString(reportId)}", null,
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

    /// <summary>An RFC 4180 CSV: a retailer's condition comment may hold commas, quotes and line breaks.</summary>
    private static List<BolOfferRow> Parse(string csv)
    {
        using var reader = CsvReader.Create(new StringReader(csv), ExportFormat, leaveOpen: false);
        var rows = new List<BolOfferRow>();
        if (!reader.Read()) return rows;
        if (!reader.TryGetFieldIndex("offerId", out var offerId) || !reader.TryGetFieldIndex("ean", out var ean))
        {
            throw new BolUnavailableException("bol's offer export has no offerId or ean column", null);
        }
        var reference = reader.TryGetFieldIndex("referenceCode", out var r) ? r : -1;
        var stock = reader.TryGetFieldIndex("stockAmount", out var s) ? s : -1;
        do
        {
            rows.Add(new BolOfferRow(
                reader.GetString(offerId), reader.GetString(ean), reference < 0 ? "" : reader.GetString(reference),
                stock >= 0 && int.TryParse(reader.GetString(stock), NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount) ? amount : 0));
        }
        while (reader.Read());
        return rows;
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes >= 1
        ? span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";

    private sealed record PendingExport(string ProcessId, DateTimeOffset RequestedAt);
}

/// <summary>The offers found, and why the others were not (an export not ready), if that is why.</summary>
internal sealed record OfferResolution(Dictionary<string, BolOfferRow> Found, BolUnavailableException? ExportProblem);
