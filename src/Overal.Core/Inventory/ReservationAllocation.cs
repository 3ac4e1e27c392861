namespace Overal.Core.Inventory;

/// <summary>The part of a reservation held at one location.</summary>
public sealed class ReservationAllocation
{
    public Guid ReservationId { get; set; }
    public required string LocationId { get; set; }
    public int Quantity { get; set; }
}
