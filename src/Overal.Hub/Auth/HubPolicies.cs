namespace Overal.Hub.Auth;

/// <summary>Named authorization policies for actions (reading needs only a session or key).</summary>
public static class HubPolicies
{
    /// <summary>Adjust stock: admin, operations, or store staff for their own store.</summary>
    public const string ManageStock = "manage_stock";

    /// <summary>Channel operations (reconcile, replay dead letters): admin and operations.</summary>
    public const string Operate = "operate";
}
