using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Overal.Core.Access;

namespace Overal.Hub.Auth;

/// <summary>
/// Form posts behind the dashboard's login page and menu. They run outside the Blazor circuit because signing in
/// and out must set cookies on a real HTTP response. Antiforgery is validated for these form endpoints by UseAntiforgery.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/account").ExcludeFromDescription();
        // The GET /account/login page is a Razor component; the form posts here.
        account.MapPost("/signin", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", LogoutAsync);
        account.MapGet("/culture", SetCultureAsync).AllowAnonymous();
        return routes;
    }

    private static async Task<IResult> LoginAsync([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
        SignInManager<HubUser> signIn, HttpContext http)
    {
        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signIn.UserManager.FindByNameAsync(email);
            if (user?.PreferredCulture is { } culture) AppendCulture(http, culture);
            return Results.LocalRedirect(SafeReturn(returnUrl));
        }
        var error = result.IsLockedOut ? "locked" : "failed";
        return Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(SafeReturn(returnUrl))}");
    }

    private static async Task<IResult> LogoutAsync(SignInManager<HubUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    /// <summary>Remembers the language in a cookie and, for a logged-in user, on the user.</summary>
    private static async Task<IResult> SetCultureAsync(string culture, string? returnUrl, HttpContext http, UserManager<HubUser> users)
    {
        if (culture is not ("nl" or "en")) return Results.BadRequest();
        AppendCulture(http, culture);
        if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user)
        {
            user.PreferredCulture = culture;
            await users.UpdateAsync(user);
        }
        return Results.LocalRedirect(SafeReturn(returnUrl));
    }

    private static void AppendCulture(HttpContext http, string culture) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });

    private static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/dashboard";
}
