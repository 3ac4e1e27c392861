namespace Overal.Core.Access;

/// <summary>Claim types the hub adds to users and API keys.</summary>
public static class HubClaims
{
    /// <summary>The store location id a store_staff user sees and acts for (e.g. "store-amsterdam").</summary>
    public const string Location = "overal:location";
}
