namespace Overal.Core.Orders;

/// <summary>Why a line went where it went: the rule applied, the candidates looked at (with their ATP) and the choice.</summary>
public sealed class DecisionLogEntry
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid? OrderLineId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>click_and_collect | fewest_shipments | no_split_below_value | priority | split | backorder | oversell_cancel | oversell_backorder</summary>
    public required string Rule { get; set; }

    /// <summary>Candidates in the order they were considered, e.g. "warehouse:0, store-utrecht:3".</summary>
    public required string Candidates { get; set; }

    /// <summary>Chosen location(s) with quantities, e.g. "store-utrecht:2"; empty when nothing was allocated.</summary>
    public required string Chosen { get; set; }
    public required string Reason { get; set; }
}
