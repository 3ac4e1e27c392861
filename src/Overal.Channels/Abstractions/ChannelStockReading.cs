namespace Overal.Channels.Abstractions;

/// <summary>The quantity a channel itself reports for a SKU, read back for reconciliation.</summary>
public sealed record ChannelStockReading(string Sku, int Quantity);
