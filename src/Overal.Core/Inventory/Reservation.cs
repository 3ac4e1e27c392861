namespace Overal.Core.Inventory;

public sealed class Reservation
{
    public Guid Id { get; set; }
    public required string Sku { get; set; }
    public required string ChannelId { get; set; }
    public ReservationKind Kind { get; set; }
    public ReservationStatus Status { get; set; }
    public int Quantity { get; set; }
    public string? Reference { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Cart holds only; order allocations do not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<ReservationAllocation> Allocations { get; set; } = [];
}

public enum ReservationKind { Cart, Order }

public enum ReservationStatus { Active, Committed, Released, Expired }
