namespace Overal.Simulators.Lightspeed;

/// <summary>Body of POST /lightspeed/_sim/sales (simulator control, not Lightspeed's contract). Outlet by id or store name.</summary>
public sealed record LightspeedSimSaleRequest(string Outlet, IReadOnlyList<LightspeedSimSaleLine> Lines);

public sealed record LightspeedSimSaleLine(string Sku, int Quantity);

/// <param name="WebhookStatus">What the hub answered sale.update with; null when not sent, dropped or failed.</param>
public sealed record LightspeedSimSaleRung(string SaleId, string OutletId, long Version, int? WebhookStatus);

/// <summary>Body of POST /lightspeed/_sim/counts (simulator control): a stock count at the till.</summary>
public sealed record LightspeedSimCountRequest(string Outlet, string Sku, int Count);

internal sealed record LightspeedProductRecord(string Id, string Sku, string Name, decimal PriceExclTax, decimal TaxRate);

internal sealed record LightspeedSaleRecord(string Id, string OutletId, string RegisterId, DateTimeOffset At, long Version, string InvoiceNumber,
    IReadOnlyList<LightspeedSaleLineRecord> Lines);

internal sealed record LightspeedSaleLineRecord(string Id, LightspeedProductRecord Product, int Quantity);
