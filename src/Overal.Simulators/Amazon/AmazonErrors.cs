using System.Text.Json.Nodes;
using Overal.Simulators.Specs;

namespace Overal.Simulators.Amazon;

/// <summary>SP-API's error body: {errors:[{code, message, details}]}.</summary>
internal static class AmazonErrors
{
    public static IResult Create(int status, string code, string message, string? details = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (details is not null) error["details"] = details;
        return Results.Content(new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString(), "application/json", statusCode: status);
    }

    public static IResult Invalid(IReadOnlyList<SpecViolation> violations)
    {
        if (violations.Any(v => v.Kind == SpecViolationKind.ContentType))
        {
            return Create(415, "UnsupportedMediaType", "The request's Content-Type is not supported.", violations[0].Reason);
        }
        var errors = new JsonArray([.. violations.Select(v => (JsonNode)new JsonObject
        {
            ["code"] = "InvalidInput",
            ["message"] = $"{(v.Name.Length == 0 ? "body" : v.Name)}: {v.Reason}",
            ["details"] = v.Name,
        })]);
        return Results.Content(new JsonObject { ["errors"] = errors }.ToJsonString(), "application/json", statusCode: 400);
    }
}
