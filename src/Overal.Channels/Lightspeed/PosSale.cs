namespace Overal.Channels.Lightspeed;

/// <summary>A sale rung up on a store's till (Lightspeed X-Series), in the hub's terms.</summary>
/// <param name="SaleId">Lightspeed's sale id: the idempotency key for the stock movements it causes.</param>
/// <param name="OutletId">The X-Series outlet (one per store); the hub maps it to its store location.</param>
/// <param name="Status">Lightspeed's status (CLOSED, ONACCOUNT, LAYBY, VOIDED, …); only CLOSED sales move stock for certain.</param>
/// <param name="Version">X-Series object version, increasing with every change; a later version supersedes an earlier one.</param>
/// <param name="ReceiptNumber">The till's own number for the sale (invoice_number), printed on the receipt; not unique across registers.</param>
public sealed record PosSale(
    string SaleId,
    string OutletId,
    string? RegisterId,
    DateTimeOffset At,
    string Status,
    long? Version,
    IReadOnlyList<PosSaleLine> Lines,
    string? ReceiptNumber = null);

/// <param name="Sku">The product's SKU; null when the payload carried only product_id.</param>
/// <param name="Quantity">Units sold; negative for a return.</param>
/// <param name="UnitPriceInclTax">Price per unit including tax, as charged.</param>
public sealed record PosSaleLine(string? Sku, string ProductId, int Quantity, decimal UnitPriceInclTax);
