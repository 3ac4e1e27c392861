namespace Overal.Channels.Lightspeed;

/// <summary>An absolute stock count at one store, from an inventory.update webhook.</summary>
public sealed record PosInventoryCount(string OutletId, string Sku, string ProductId, int Quantity);
