namespace Overal.Simulators.Bol;

/// <summary>An offer as bol holds it; guarded by the simulator's lock.</summary>
internal sealed class BolOffer
{
    public required string OfferId { get; init; }
    public required string Ean { get; init; }
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public decimal Price { get; set; }
    public int Amount { get; set; }
    public bool ManagedByRetailer { get; set; }
    public DateTimeOffset LastStockUpdate { get; set; }

    /// <summary>The retailer's free-text condition comment; bol exports it as a CSV field (commas, quotes and all).</summary>
    public string ConditionComment { get; set; } = "";
}
