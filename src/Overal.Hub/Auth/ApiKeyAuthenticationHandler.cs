using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Overal.Core.Access;

namespace Overal.Hub.Auth;

/// <summary>
/// Authenticates API clients by the <c>X-Api-Key</c> header against the configured keys
/// (<c>Auth:ApiKeys:&lt;name&gt;:Hash</c> = SHA-256 hex of the key). Only hashes are ever configured or kept.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0) return Task.FromResult(AuthenticateResult.NoResult());
        var key = keys.Find(values.ToString());
        if (key is null) return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        List<Claim> claims = [new(ClaimTypes.Name, "apikey:" + key.Name), new(ClaimTypes.NameIdentifier, "apikey:" + key.Name), new(ClaimTypes.Role, key.Role)];
        if (key.Location is not null) claims.Add(new Claim(HubClaims.Location, key.Location));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Header;
        return Task.CompletedTask;
    }

    /// <summary>Lower-case SHA-256 hex of a key, the form configured in <c>Auth:ApiKeys:&lt;name&gt;:Hash</c>.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
