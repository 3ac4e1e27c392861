namespace Overal.Channels.Abstractions;

/// <summary>
/// An absolute quantity the hub wants the channel to show. <paramref name="LastConfirmedQuantity"/> is what the
/// hub last saw confirmed (null when never confirmed): adapters with compare-and-swap (Shopify's
/// changeFromQuantity) send it so that a stale write is caught by the channel.
/// </summary>
public sealed record StockUpdate(string Sku, string Ean, int Quantity, int? LastConfirmedQuantity);
