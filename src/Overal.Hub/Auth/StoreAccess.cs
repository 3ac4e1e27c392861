using System.Security.Claims;
using Overal.Core.Access;
using Overal.Core.Errors;

namespace Overal.Hub.Auth;

/// <summary>Store staff (users and keys) act only for their own store; everyone else is unrestricted here.</summary>
public static class StoreAccess
{
    public static void EnsureMayActAt(ClaimsPrincipal user, params string?[] locationIds)
    {
        if (!user.IsInRole(HubRoles.StoreStaff) || user.IsInRole(HubRoles.Admin) || user.IsInRole(HubRoles.Operations)) return;
        var own = user.FindFirst(HubClaims.Location)?.Value;
        foreach (var location in locationIds)
        {
            if (location is not null && location != own)
            {
                throw new HubException(StatusCodes.Status403Forbidden, "Forbidden", $"Store staff of '{own}' may not act for '{location}'.");
            }
        }
    }
}
