namespace Overal.Core.Catalog;

/// <summary>A style: one design in several colours and sizes (its variants).</summary>
public sealed class Product
{
    public Guid Id { get; set; }
    public required string StyleCode { get; set; }
    public required string NameNl { get; set; }
    public required string NameFr { get; set; }
    public required string Category { get; set; }
    public decimal Price { get; set; }
    public string Currency { get; set; } = "EUR";
    public List<Variant> Variants { get; set; } = [];
}
