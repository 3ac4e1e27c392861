using Microsoft.AspNetCore.Identity;

namespace Overal.Core.Access;

/// <summary>A person who logs in to the dashboard. Store staff carry a <see cref="HubClaims.Location"/> claim.</summary>
public sealed class HubUser : IdentityUser
{
    /// <summary>"nl" or "en"; the dashboard's language for this user (also kept in a cookie).</summary>
    public string? PreferredCulture { get; set; }
}
