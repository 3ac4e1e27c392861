namespace Overal.Simulators.Amazon;

/// <summary>An order placed on Amazon; guarded by the simulator's lock.</summary>
internal sealed class AmazonOrder
{
    public required string AmazonOrderId { get; init; }
    public required string MarketplaceId { get; init; }
    public required DateTimeOffset PurchaseDate { get; init; }
    public required DateTimeOffset LastUpdateDate { get; set; }
    public required List<AmazonOrderItem> Items { get; init; }
    public List<string> Packages { get; } = [];

    public string Status =>
        Items.All(i => i.QuantityCancelled >= i.QuantityOrdered) ? "Canceled"
        : Items.All(i => i.QuantityShipped + i.QuantityCancelled >= i.QuantityOrdered) ? "Shipped"
        : Items.Any(i => i.QuantityShipped > 0) ? "PartiallyShipped" : "Unshipped";
}

internal sealed class AmazonOrderItem
{
    public required string OrderItemId { get; init; }
    public required AmazonListing Listing { get; init; }
    public required int QuantityOrdered { get; init; }
    public required decimal UnitPrice { get; init; }
    public int QuantityShipped { get; set; }

    /// <summary>Units the seller cancelled through an order acknowledgement (StatusCode Failure).</summary>
    public int QuantityCancelled { get; set; }

    public int Open => QuantityOrdered - QuantityShipped - QuantityCancelled;
}
