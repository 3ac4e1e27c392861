namespace Overal.Channels.Abstractions;

/// <summary>A price including VAT, in the channel's currency (EUR for every channel of the reference customer).</summary>
public sealed record PriceUpdate(string Sku, string Ean, decimal Price, string Currency);
