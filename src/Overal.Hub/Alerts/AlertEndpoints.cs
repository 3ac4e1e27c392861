using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Core.Errors;
using Overal.Hub.Auth;

namespace Overal.Hub.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapGet("/", (AlertBoard board) => TypedResults.Ok(board.All())).WithName("GetAlerts");
        alerts.MapPost("/{id:guid}/acknowledge", Acknowledge).WithName("AcknowledgeAlert").RequireAuthorization(HubPolicies.Operate);
        alerts.MapPost("/{id:guid}/mute", Mute).WithName("MuteAlert").RequireAuthorization(HubPolicies.Operate);
        return routes;
    }

    private static Ok<Alert> Acknowledge(Guid id, AlertBoard board, HttpContext http)
    {
        if (!board.Acknowledge(id, http.User.Identity?.Name ?? "?")) throw HubException.NotFound($"Alert '{id}' does not exist.");
        return TypedResults.Ok(board.Find(id)!);
    }

    private static Ok<Alert> Mute(Guid id, AlertBoard board, double? minutes)
    {
        if (!board.Mute(id, TimeSpan.FromMinutes(Math.Clamp(minutes ?? 60, 1, 7 * 24 * 60)))) throw HubException.NotFound($"Alert '{id}' does not exist.");
        return TypedResults.Ok(board.Find(id)!);
    }
}
