namespace Overal.Simulators.Zalando;

/// <summary>An order as the simulator holds it. Status: initial (unpaid) → approved (ship it) → fulfilled.</summary>
internal sealed class ZalandoSimOrder
{
    public required string Id { get; init; }

    public required string OrderNumber { get; init; }

    public required string SalesChannelId { get; init; }

    public required DateTimeOffset OrderDate { get; init; }

    public required ZalandoSimAddress ShippingAddress { get; init; }

    public required List<ZalandoSimOrderItem> Items { get; init; }

    public string Status { get; set; } = "approved";

    public bool Exported { get; set; }

    public string? TrackingNumber { get; set; }

    public string? ReturnTrackingNumber { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

internal sealed class ZalandoSimOrderItem
{
    public required string Id { get; init; }

    public required string Ean { get; init; }

    public required string ArticleId { get; init; }

    public required List<ZalandoSimOrderLine> Lines { get; init; }
}

/// <summary>One unit of an order item. Status: initial | reserved | shipped | canceled | returned.</summary>
internal sealed class ZalandoSimOrderLine
{
    public required string Id { get; init; }

    public required decimal Price { get; init; }

    public string Status { get; set; } = "initial";
}

internal sealed record ZalandoSimAddress(string FirstName, string LastName, string AddressLine1, string ZipCode, string City, string CountryCode);
