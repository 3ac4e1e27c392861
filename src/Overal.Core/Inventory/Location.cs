namespace Overal.Core.Inventory;

public sealed class Location
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public LocationKind Kind { get; set; }
    public string? City { get; set; }
    public bool ShipFromStore { get; set; }
    public bool ClickAndCollect { get; set; }

    /// <summary>Safety stock for a SKU at this location unless the SKU has its own.</summary>
    public int DefaultSafetyStock { get; set; }
}

public enum LocationKind { Warehouse, Store, External }
