namespace Overal.Core.Inventory;

public enum MovementType
{
    Receipt,
    Sale,
    Return,
    Adjustment,

    /// <summary>An absolute count: the quantity is the new on-hand.</summary>
    Count,

    /// <summary>Out of one location and into another, as two ledger rows.</summary>
    Transfer,
    Damage,
}
