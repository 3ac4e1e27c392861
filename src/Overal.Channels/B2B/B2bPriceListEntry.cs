namespace Overal.Channels.B2B;

/// <summary>
/// One line of the wholesale price list as the B2B portal will show it.
/// <paramref name="Available"/> is null until the hub has published availability for the SKU.
/// </summary>
public sealed record B2bPriceListEntry(
    string Sku,
    string Ean,
    decimal? Price,
    string? Currency,
    int? Available,
    DateTimeOffset UpdatedAt);
