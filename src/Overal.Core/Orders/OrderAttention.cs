namespace Overal.Core.Orders;

/// <summary>
/// Why an order from a channel waits for staff. Such an order is stored (a channel cannot be told "no" after the
/// sale) but allocates nothing until every reason is resolved: lines mapped to hub variants, the currency accepted.
/// </summary>
[Flags]
public enum OrderAttention
{
    None = 0,

    /// <summary>One or more lines name a SKU or EAN the hub does not know.</summary>
    UnmatchedLines = 1,

    /// <summary>The order is in another currency than the channel is expected to sell in.</summary>
    UnexpectedCurrency = 2,

    /// <summary>Click &amp; collect at a location the hub does not know as a click &amp; collect store (e.g. an unmapped Shopify location).</summary>
    UnknownLocation = 4,

    /// <summary>
    /// The channel sent a line the hub cannot act on as it stands (no price, a quantity out of range): staff check it on
    /// the channel and accept the order as sent, or cancel it.
    /// </summary>
    UnreadableLines = 8,
}
