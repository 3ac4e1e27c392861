using System.Text.Json.Nodes;
using Overal.Simulators.Specs;

namespace Overal.Simulators.Bol;

/// <summary>bol's problem body: {type, title, status, detail, host, instance, violations[{name, reason}]}.</summary>
internal static class BolProblems
{
    public const string MediaType = "application/vnd.retailer.v10+json";
    public const string ProblemType = "https://api.bol.com/problems";

    public static IResult Create(HttpRequest request, int status, string title, string detail, IEnumerable<SpecViolation>? violations = null)
    {
        var body = new JsonObject
        {
            ["type"] = ProblemType,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["host"] = "Instance-001",
            ["instance"] = $"https://api.bol.com{request.Path}",
            ["violations"] = new JsonArray([.. (violations ?? []).Select(v => new JsonObject { ["name"] = v.Name, ["reason"] = v.Reason })]),
        };
        return Results.Content(body.ToJsonString(), MediaType, statusCode: status);
    }

    public static IResult Invalid(HttpRequest request, IReadOnlyList<SpecViolation> violations)
    {
        if (violations.Any(v => v.Kind == SpecViolationKind.ContentType))
        {
            return Create(request, 415, "Unsupported Media Type", "Content type is not supported.", violations);
        }
        if (violations.Any(v => v.Kind == SpecViolationKind.Accept))
        {
            return Create(request, 406, "Not Acceptable", "Accept header is not supported.", violations);
        }
        return Create(request, 400, "Error validating request. Consult the bol.com API documentation for more information.",
            "Bad request", violations);
    }
}
