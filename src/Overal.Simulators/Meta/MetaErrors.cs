namespace Overal.Simulators.Meta;

/// <summary>Graph API error bodies: <c>{error:{message, type, code, error_subcode?, is_transient, fbtrace_id}}</c>.</summary>
internal static class MetaErrors
{
    public const string TooManyCatalogCalls =
        "(#80014) There have been too many calls to this catalog. Wait a bit and try again. For rate limiting best practices, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.";

    public static IResult Error(int status, string message, string type, int code, int? subcode = null, bool transient = false)
    {
        var error = new Dictionary<string, object>
        {
            ["message"] = message,
            ["type"] = type,
            ["code"] = code,
            ["is_transient"] = transient,
            ["fbtrace_id"] = "A" + Convert.ToBase64String(Guid.CreateVersion7().ToByteArray())[..22].Replace('/', '_').Replace('+', '-'),
        };
        if (subcode is not null) error["error_subcode"] = subcode.Value;
        return Results.Json(new { error }, MetaSimulator.Json, statusCode: status);
    }

    public static IResult InvalidParameter(string detail) =>
        Error(400, "(#100) " + detail, "OAuthException", 100);

    public static IResult MissingToken() =>
        Error(400, "An access token is required to request this resource.", "OAuthException", 190);

    public static IResult InvalidToken() =>
        Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);

    public static IResult UnknownObject(string id) =>
        Error(400, $"Unsupported post request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
            "GraphMethodException", 100, subcode: 33);
}
