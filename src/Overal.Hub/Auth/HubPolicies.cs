namespace Overal.Hub.Auth;

/// <summary>Named authorization policies; an /api endpoint names one through its <see cref="ApiAccess"/> rule.</summary>
public static class HubPolicies
{
    /// <summary>Read: any of the hub's roles (a signed-in user or key without one reads nothing).</summary>
    public const string Read = "read";

    /// <summary>Change stock or orders: admin, operations, or store staff for their own store (the store is checked by <see cref="StoreScopeFilter"/>).</summary>
    public const string ManageStock = "manage_stock";

    /// <summary>Channel operations, alerts, refunds and the demo switch: admin and operations.</summary>
    public const string Operate = "operate";
}
