using Microsoft.AspNetCore.Identity;
using Overal.Core.Access;

namespace Overal.Hub.Auth;

/// <summary>
/// Creates the roles, and the first admin from <c>Auth:BootstrapAdmin:Email</c> + <c>:Password</c> when no user exists
/// yet. There is no default password: without configuration an operator runs <c>create-admin</c>.
/// </summary>
public static class AdminBootstrap
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());
        var configuration = provider.GetRequiredService<IConfiguration>();
        var email = configuration["Auth:BootstrapAdmin:Email"];
        var password = configuration["Auth:BootstrapAdmin:Password"];
        var users = provider.GetRequiredService<UserManager<HubUser>>();
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || users.Users.Any()) return;
        await CreateUserAsync(provider, email, password, HubRoles.Admin, null);
        provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminBootstrap)).LogInformation("Created the first admin {Email}", email);
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in HubRoles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        }
    }

    /// <summary>Creates a user with one role (and, for store staff, the store's location claim).</summary>
    public static async Task<HubUser> CreateUserAsync(IServiceProvider provider, string email, string password, string role, string? locationId)
    {
        if (!HubRoles.All.Contains(role)) throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        if (role == HubRoles.StoreStaff && string.IsNullOrWhiteSpace(locationId)) throw new ArgumentException("store_staff needs a store location id.", nameof(locationId));
        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());
        var users = provider.GetRequiredService<UserManager<HubUser>>();
        var user = new HubUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        if (locationId is not null) Check(await users.AddClaimAsync(user, new System.Security.Claims.Claim(HubClaims.Location, locationId)));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
