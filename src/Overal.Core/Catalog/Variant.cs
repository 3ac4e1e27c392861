namespace Overal.Core.Catalog;

/// <summary>A sellable unit: one colour and size of a style, identified by SKU and EAN-13.</summary>
public sealed class Variant
{
    public required string Sku { get; set; }
    public Guid ProductId { get; set; }
    public required string Ean { get; set; }
    public required string Colour { get; set; }
    public required string Size { get; set; }
    public decimal Price { get; set; }

    /// <summary>Bumped by every stock change of this SKU; the row lock it takes serialises changes per SKU.</summary>
    public long StockVersion { get; set; }
}
