namespace Overal.Core.Access;

/// <summary>The hub's roles. Names are snake_case because API keys and configuration name them too.</summary>
public static class HubRoles
{
    public const string Admin = "admin";
    public const string Operations = "operations";
    public const string StoreStaff = "store_staff";
    public const string ReadOnly = "read_only";

    public static readonly IReadOnlyList<string> All = [Admin, Operations, StoreStaff, ReadOnly];
}
