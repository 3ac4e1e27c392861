namespace Overal.Bench.Sync;

/// <summary>A SKU at a location with enough stock that taking one unit off changes what channels are offered.</summary>
public sealed record StockTarget(string Sku, string LocationId, string? OutletId);
