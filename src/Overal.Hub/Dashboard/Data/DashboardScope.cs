using System.Security.Claims;
using Overal.Core.Access;

namespace Overal.Hub.Dashboard.Data;

/// <summary>What a signed-in user may see and do: store staff only their own store.</summary>
public sealed record DashboardScope(string User, string? Store, bool CanAdjust, bool CanOperate)
{
    public static DashboardScope From(ClaimsPrincipal user)
    {
        var staff = user.IsInRole(HubRoles.StoreStaff) && !user.IsInRole(HubRoles.Admin) && !user.IsInRole(HubRoles.Operations);
        var store = staff ? user.FindFirst(HubClaims.Location)?.Value ?? "-none-" : null;
        return new DashboardScope(user.Identity?.Name ?? "?", store,
            CanAdjust: user.IsInRole(HubRoles.Admin) || user.IsInRole(HubRoles.Operations) || staff,
            CanOperate: user.IsInRole(HubRoles.Admin) || user.IsInRole(HubRoles.Operations));
    }

    public bool MaySee(string locationId) => Store is null || Store == locationId;
}
