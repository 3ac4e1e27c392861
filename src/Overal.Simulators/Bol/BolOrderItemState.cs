namespace Overal.Simulators.Bol;

/// <summary>An order item's state on the bol side, for tests.</summary>
public sealed record BolOrderItemState(int Quantity, int Shipped, int Cancelled, string? CancellationReason, string? TransporterCode, string? TrackAndTrace);
