using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Errors;

namespace Overal.Hub.Api.Errors;

/// <summary>
/// Turns every refusal into an RFC 9457 problem details response with a detail a person can act on:
/// the hub's own refusals, malformed or oversized bodies, and write conflicts the database caught.
/// </summary>
internal sealed class HubExceptionHandler(IProblemDetailsService problems, ILogger<HubExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, extensions) = exception switch
        {
            HubException e => (e.Status, e.Title, e.Message, e.Extensions),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "Payload too large", "The request body is larger than this endpoint accepts.", null),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "Malformed JSON", $"The request body is not valid JSON for this endpoint: {json.Message}", null),
            BadHttpRequestException e => (e.StatusCode, "Bad request", e.Message, null),
            DbUpdateException e when IsUniqueViolation(e) =>
                (409, "Conflict", "The request conflicts with one made at the same time (a duplicate key); nothing was changed. Retry it.", null),
            _ => (0, "", "", null),
        };
        if (status == 0) return false;

        if (status >= 500) logger.LogError(exception, "Request failed");
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}
