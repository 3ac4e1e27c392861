namespace Overal.Simulators.Zalando;

/// <summary>
/// zDirect's two error shapes: Problem JSON (RFC 7807, per Zalando's REST guidelines) for auth and stock, and
/// JSON:API <c>{errors:[{status,title,detail,source}]}</c> for the order endpoints.
/// </summary>
internal static class ZalandoErrors
{
    public const string JsonApiMediaType = "application/vnd.api+json";

    public static IResult Problem(int status, string title, string detail, bool jsonApi = false, string? pointer = null) =>
        jsonApi
            ? JsonApi(status, title, detail, pointer)
            : Results.Json(new { type = "about:blank", title, status, detail }, ZalandoSimulator.Json, "application/problem+json", status);

    public static IResult JsonApi(int status, string title, string detail, string? pointer = null)
    {
        var error = new Dictionary<string, object>
        {
            ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = title,
            ["detail"] = detail,
        };
        if (pointer is not null) error["source"] = new { pointer };
        return Results.Json(new { errors = new[] { error } }, ZalandoSimulator.Json, JsonApiMediaType, status);
    }

    /// <summary>OAuth 2.0 token endpoint errors (RFC 6749 §5.2).</summary>
    public static IResult OAuth(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, ZalandoSimulator.Json, "application/json", status);
}
