using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Core.Errors;
using Overal.Hub.Auth;

namespace Overal.Hub.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapGet("/", (AlertBoard board) => TypedResults.Ok(board.All())).WithName("GetAlerts").RequireAccess(ApiAccess.Read);
        alerts.MapPost("/{id:guid}/acknowledge", Acknowledge).WithName("AcknowledgeAlert").RequireAccess(ApiAccess.Operate);
        alerts.MapPost("/{id:guid}/mute", Mute).WithName("MuteAlert").RequireAccess(ApiAccess.Operate);
        alerts.MapPost("/{id:guid}/unmute", Unmute).WithName("UnmuteAlert").RequireAccess(ApiAccess.Operate);
        return routes;
    }

    private static async Task<Ok<Alert>> Acknowledge(Guid id, AlertBoard board, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await board.AcknowledgeAsync(id, http.User.Identity?.Name ?? "?", cancellationToken) ?? throw NotFound(id));

    /// <summary>Mutes for <paramref name="minutes"/> (default 60, at most 7 days).</summary>
    private static async Task<Ok<Alert>> Mute(Guid id, AlertBoard board, double? minutes, CancellationToken cancellationToken)
    {
        if (minutes is { } m && (!double.IsFinite(m) || m is <= 0 or > 7 * 24 * 60)) throw HubException.Invalid("'minutes' must be above 0 and at most 10080 (7 days).");
        return TypedResults.Ok(await board.MuteAsync(id, TimeSpan.FromMinutes(minutes ?? 60), cancellationToken) ?? throw NotFound(id));
    }

    private static async Task<Ok<Alert>> Unmute(Guid id, AlertBoard board, CancellationToken cancellationToken) =>
        TypedResults.Ok(await board.UnmuteAsync(id, cancellationToken) ?? throw NotFound(id));

    private static HubException NotFound(Guid id) => HubException.NotFound($"Alert '{id}' does not exist.");
}
