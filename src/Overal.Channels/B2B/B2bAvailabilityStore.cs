using System.Collections.Concurrent;

namespace Overal.Channels.B2B;

/// <summary>
/// The wholesale price list and availability the B2B portal will read. In memory for now: the portal does not exist
/// yet, and when it does it reads this through <see cref="Find"/> and <see cref="Snapshot"/> (or a persistent
/// implementation replaces it). A SKU is in the wholesale assortment once it is listed, either explicitly or by a
/// published price; availability for an unlisted SKU is refused, as a channel refuses an unknown listing.
/// </summary>
public sealed class B2bAvailabilityStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, B2bPriceListEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Puts a SKU in the wholesale assortment (no price or availability yet); a no-op when already listed.</summary>
    public void List(string sku, string ean) =>
        _entries.TryAdd(sku, new B2bPriceListEntry(sku, ean, null, null, null, time.GetUtcNow()));

    /// <summary>Sets the wholesale price, listing the SKU when it was not yet.</summary>
    public B2bPriceListEntry PublishPrice(string sku, string ean, decimal price, string currency) =>
        _entries.AddOrUpdate(
            sku,
            _ => new B2bPriceListEntry(sku, ean, price, currency, null, time.GetUtcNow()),
            (_, e) => e with { Price = price, Currency = currency, UpdatedAt = time.GetUtcNow() });

    /// <summary>Sets the available quantity of a listed SKU; false when the SKU is not in the assortment.</summary>
    public bool TryPublishAvailability(string sku, int available)
    {
        while (_entries.TryGetValue(sku, out var current))
        {
            if (_entries.TryUpdate(sku, current with { Available = available, UpdatedAt = time.GetUtcNow() }, current)) return true;
        }
        return false;
    }

    /// <summary>The portal's view of one SKU, or null when it is not in the assortment.</summary>
    public B2bPriceListEntry? Find(string sku) => _entries.GetValueOrDefault(sku);

    /// <summary>The whole price list, ordered by SKU, as the portal shows it.</summary>
    public IReadOnlyList<B2bPriceListEntry> Snapshot() => [.. _entries.Values.OrderBy(e => e.Sku, StringComparer.Ordinal)];
}
