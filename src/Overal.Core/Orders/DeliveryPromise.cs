using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// What the hub can promise for a basket right now, from ATP and the configured cut-off times (local shop time):
/// home delivery from the warehouse or a ship-from-store location, pick-up point, and click &amp; collect at a
/// store (today from its own stock, or a later date via a transfer from the warehouse).
/// </summary>
public sealed class DeliveryPromise(HubDbContext db, ChannelRuleBook channels, IOptions<OrdersOptions> options, TimeProvider time)
{
    public const int MaxSkus = 50;

    public async Task<PromiseResult> PromiseAsync(IReadOnlyList<string> skus, string? postcode, string? storeId, CancellationToken cancellationToken)
    {
        if (skus.Count == 0) throw HubException.Invalid("'skus' is required (comma-separated).");
        if (skus.Count > MaxSkus) throw HubException.Invalid($"At most {MaxSkus} SKUs per promise.");
        if (string.IsNullOrWhiteSpace(postcode) && string.IsNullOrWhiteSpace(storeId)) throw HubException.Invalid("Give 'postcode' (home delivery, pick-up point) or 'store' (click & collect).");
        var wanted = skus.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var keys = wanted.Keys.ToList();
        var knownSkus = await db.Variants.AsNoTracking().Where(v => keys.Contains(v.Sku)).Select(v => v.Sku).ToListAsync(cancellationToken);
        if (keys.Except(knownSkus).FirstOrDefault() is { } unknown) throw HubException.NotFound($"SKU '{unknown}' does not exist.");

        var settings = options.Value.Promise;
        var levels = await db.StockLevels.AsNoTracking().Where(l => keys.Contains(l.Sku)).ToListAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, cancellationToken);
        int Atp(string sku, string location) => levels.FirstOrDefault(l => l.Sku == sku && l.LocationId == location)?.Atp ?? 0;
        bool Covers(string location) => wanted.All(w => Atp(w.Key, location) >= w.Value);

        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone(settings.TimeZone));
        var today = DateOnly.FromDateTime(local.DateTime);
        DateOnly Dispatch(TimeSpan cutoff) => local.TimeOfDay < cutoff ? today : today.AddDays(1);
        var backorderDate = today.AddDays((int)Math.Ceiling(options.Value.BackorderLeadTime.TotalDays) + settings.DeliveryDays);
        var result = new List<PromiseOption>();

        if (!string.IsNullOrWhiteSpace(postcode))
        {
            var pool = (await channels.FindAsync(settings.Channel, cancellationToken))?.PoolLocationIds ?? [];
            var eligible = pool.Where(id => locations.TryGetValue(id, out var l) && (l.Kind == LocationKind.Warehouse || (l.Kind == LocationKind.Store && l.ShipFromStore))).ToList();
            PromiseOption home;
            if (eligible.FirstOrDefault(id => locations[id].Kind == LocationKind.Warehouse && Covers(id)) is { } warehouse)
            {
                home = new PromiseOption("home", DeliveryDay(Dispatch(settings.WarehouseCutoff).AddDays(settings.DeliveryDays)), warehouse, true,
                    $"From {warehouse}; orders before {settings.WarehouseCutoff:hh\\:mm} leave the same day.");
            }
            else if (eligible.FirstOrDefault(Covers) is { } store)
            {
                home = new PromiseOption("home", DeliveryDay(Dispatch(settings.StoreCutoff).AddDays(settings.DeliveryDays)), store, true,
                    $"Ship-from-store {store}; orders before {settings.StoreCutoff:hh\\:mm} leave the same day.");
            }
            else if (wanted.All(w => eligible.Sum(id => Atp(w.Key, id)) >= w.Value))
            {
                home = new PromiseOption("home", DeliveryDay(Dispatch(settings.StoreCutoff).AddDays(settings.DeliveryDays)), "split", true,
                    "No single location holds the whole basket: it ships in more than one parcel.");
            }
            else
            {
                home = new PromiseOption("home", DeliveryDay(backorderDate), "backorder", false, "Not in stock for home delivery; expected date after replenishment.");
            }
            result.Add(home);
            result.Add(home with { Kind = "pickup_point", Date = DeliveryDay(home.Date.AddDays(settings.PickupPointExtraDays)), Detail = "Delivered to a pick-up point or locker near " + postcode.Trim() + "." });
        }

        if (!string.IsNullOrWhiteSpace(storeId))
        {
            if (!locations.TryGetValue(storeId, out var store) || !store.ClickAndCollect) throw HubException.NotFound($"Store '{storeId}' does not offer click & collect.");
            var warehouse = locations.Values.Where(l => l.Kind == LocationKind.Warehouse).Select(l => l.Id).FirstOrDefault(Covers);
            result.Add(Covers(storeId)
                ? new PromiseOption("click_and_collect", Dispatch(settings.PickupCutoff), storeId, true, $"In stock at {storeId}; ready for pickup the same day when ordered before {settings.PickupCutoff:hh\\:mm}.")
                : warehouse is not null
                    ? new PromiseOption("click_and_collect", Dispatch(settings.WarehouseCutoff).AddDays(settings.TransferDays), warehouse, true, $"Transferred from {warehouse} to {storeId}.")
                    : new PromiseOption("click_and_collect", backorderDate, "backorder", false, "Not in stock at the store or the warehouse."));
        }
        return new PromiseResult(skus, local, result);
    }

    /// <summary>Parcels are not delivered on Sundays.</summary>
    private static DateOnly DeliveryDay(DateOnly d) => d.DayOfWeek == DayOfWeek.Sunday ? d.AddDays(1) : d;

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <param name="Source">The location the promise is based on, or split | backorder.</param>
public sealed record PromiseOption(string Kind, DateOnly Date, string Source, bool InStock, string Detail);

public sealed record PromiseResult(IReadOnlyList<string> Skus, DateTimeOffset LocalTime, IReadOnlyList<PromiseOption> Options);
