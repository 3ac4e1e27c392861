using System.Security.Claims;
using Overal.Core.Access;
using Overal.Core.Errors;

namespace Overal.Hub.Auth;

/// <summary>Store staff (users and keys) act only for their own store; admin and operations are unrestricted here.</summary>
public static class StoreAccess
{
    /// <summary>True for store staff (and not also admin or operations); <paramref name="store"/> is their store, null when the claim is missing.</summary>
    public static bool IsBoundToStore(ClaimsPrincipal user, out string? store)
    {
        store = null;
        if (!user.IsInRole(HubRoles.StoreStaff) || user.IsInRole(HubRoles.Admin) || user.IsInRole(HubRoles.Operations)) return false;
        store = user.FindFirst(HubClaims.Location)?.Value;
        return true;
    }

    public static void EnsureMayActAt(string? own, StoreTarget target)
    {
        if (own is null) throw Forbidden("This store_staff user or key is bound to no store (claim 'overal:location'), so it may not act for any.");
        if (target.Locations.Count == 0)
        {
            throw Forbidden($"Store staff of '{own}' may act only at their own store, and this request names none (e.g. give 'locationId': '{own}').");
        }
        var allowed = target.AnyOf ? target.Locations.Contains(own) : target.Locations.All(l => l == own);
        if (!allowed)
        {
            throw Forbidden($"Store staff of '{own}' may not act for '{string.Join("', '", target.Locations.Where(l => l != own).DefaultIfEmpty(target.Locations[0]))}'.");
        }
    }

    private static HubException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);
}
