using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Overal.Hub.Api.Security;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer leaving the hub, no framing, and a Content-Security-Policy
/// that runs only the hub's own script files. The dashboard (Blazor Server + MudBlazor, served from _framework and
/// _content) needs no inline script and no eval; MudBlazor sets inline styles, hence style-src 'unsafe-inline'. The
/// circuit's WebSocket is same-origin ('self' covers ws/wss of the same host in CSP 3). The Scalar reference page at
/// /api/reference boots with one inline module script, which is allowed by its SHA-256 hash, computed from the page
/// as served, so no other inline script can run there either.
/// </summary>
public static partial class SecurityHeaders
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly object ReferencePolicyKey = new();

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // On starting, so error pages written after the exception handler cleared the headers get them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                // Replaces the frame-ancestors-only policy Blazor's component endpoints set; the reference page sets its own below.
                if (!context.Items.ContainsKey(ReferencePolicyKey)) headers.ContentSecurityPolicy = Policy;
                return Task.CompletedTask;
            });
            if (!context.Request.Path.StartsWithSegments("/api/reference"))
            {
                await next(context);
                return;
            }
            await WithInlineScriptHashesAsync(context, next);
        });

    /// <summary>Buffers the (small) reference page and allows exactly the inline scripts it contains.</summary>
    private static async Task WithInlineScriptHashesAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var hashes = InlineScript().Matches(html).Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
            context.Items[ReferencePolicyKey] = true;
            context.Response.Headers.ContentSecurityPolicy = Policy.Replace("script-src 'self'", $"script-src 'self' {string.Join(' ', hashes)}", StringComparison.Ordinal);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
