using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Overal.Core.Access;
using Overal.Core.Persistence;

namespace Overal.Hub.Auth;

/// <summary>
/// Logins (Identity cookie) and API keys. Secure by default: the fallback policy makes every endpoint without its
/// own authorization metadata need a session or a key; health, metrics (Auth:PublicMetrics), webhooks, the OpenAPI
/// document and the login page opt out explicitly in Program.cs. Every /api endpoint declares its own rule
/// (<see cref="ApiAccess"/>); <see cref="ApiAccessGuard"/> refuses one that does not.
/// </summary>
public static class HubAuthServiceCollectionExtensions
{
    /// <summary>Picks the API key handler when the header is present, else the login cookie.</summary>
    public const string Scheme = "Overal";

    public static IServiceCollection AddHubAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyRegistry>();
        services.AddIdentity<HubUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<HubDbContext>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "overal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // API clients and scrapers get status codes, not a redirect to an HTML login form.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "API key or login", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => MayCall(context))
                .Build())
            .AddPolicy(HubPolicies.Read, p => p.AddAuthenticationSchemes(Scheme).RequireRole(HubRoles.All))
            .AddPolicy(HubPolicies.ManageStock, p => p.RequireRole(HubRoles.Admin, HubRoles.Operations, HubRoles.StoreStaff))
            .AddPolicy(HubPolicies.Operate, p => p.RequireRole(HubRoles.Admin, HubRoles.Operations));
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>
    /// read_only may only read; other roles are checked per feature. The dashboard's circuit (/_blazor: negotiate is a
    /// POST) and logout are exempt: without them a read-only user's pages never go live. The dashboard checks every
    /// action against the user's scope on the server (DashboardScope), so the circuit grants no writes.
    /// </summary>
    private static bool MayCall(AuthorizationHandlerContext context)
    {
        if (!context.User.IsInRole(HubRoles.ReadOnly)) return true;
        var request = (context.Resource as HttpContext)?.Request;
        if (request is null) return true;
        if (request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/account/logout")) return true;
        var method = request.Method;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
