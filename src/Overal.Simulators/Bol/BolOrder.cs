namespace Overal.Simulators.Bol;

/// <summary>An order placed on bol; guarded by the simulator's lock.</summary>
internal sealed class BolOrder
{
    public required string OrderId { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public required List<BolOrderItem> Items { get; init; }
    public string FirstName { get; init; } = "Billie";
    public string Surname { get; init; } = "Jansen";
    public string Email { get; init; } = "2hfk3k2j3@verkopen.bol.com";
    public string Street { get; init; } = "Dorpstraat";
    public string HouseNumber { get; init; } = "1";
    public string ZipCode { get; init; } = "1111ZZ";
    public string City { get; init; } = "Utrecht";
    public string CountryCode { get; init; } = "NL";
}

internal sealed class BolOrderItem
{
    public required string OrderItemId { get; init; }
    public required BolOffer Offer { get; init; }
    public required int Quantity { get; init; }
    public required decimal UnitPrice { get; init; }
    public int QuantityShipped { get; set; }
    public int QuantityCancelled { get; set; }
    public required DateTimeOffset LatestChange { get; set; }
    public string? TransporterCode { get; set; }
    public string? TrackAndTrace { get; set; }
    public string? CancellationReason { get; set; }

    public bool IsOpen => QuantityShipped + QuantityCancelled < Quantity;
}
