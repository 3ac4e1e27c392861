namespace Overal.Simulators.Amazon;

/// <summary>A seller's listing in one or more marketplaces; guarded by the simulator's lock.</summary>
internal sealed class AmazonListing
{
    public required string Sku { get; init; }
    public required string Asin { get; init; }
    public required string Ean { get; init; }
    public required string Title { get; init; }
    public string ProductType { get; set; } = "PRODUCT";
    public decimal Price { get; set; }
    public int Quantity { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
