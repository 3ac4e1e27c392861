using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Hub.Auth;

namespace Overal.Hub.Api.Sync;

public static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder routes)
    {
        var sync = routes.MapGroup("/api/sync").WithTags("Sync");
        sync.MapGet("/latency", GetLatency).WithName("GetSyncLatency").RequireAccess(ApiAccess.Read);
        sync.MapGet("/channels", GetChannelSync).WithName("GetChannelSync").RequireAccess(ApiAccess.Read);
        sync.MapGet("/dead-letters", GetDeadLetters).WithName("GetDeadLetters").RequireAccess(ApiAccess.Read);

        var channels = routes.MapGroup("/api/channels").WithTags("Sync");
        channels.MapPost("/{channelId}/reconcile", Reconcile).WithName("ReconcileChannel").RequireAccess(ApiAccess.Operate);
        channels.MapGet("/{channelId}/reconciliations", GetReconciliations).WithName("GetReconciliations").RequireAccess(ApiAccess.Read);
        channels.MapPost("/{channelId}/dead-letters/replay", ReplayDeadLetters).WithName("ReplayDeadLetters").RequireAccess(ApiAccess.Operate);
        return routes;
    }

    private static Ok<LatencyResponse> GetLatency(PropagationLatency latency, SyncOptions options, double? windowMinutes)
    {
        if (windowMinutes is { } asked && !double.IsFinite(asked)) throw HubException.Invalid("'windowMinutes' must be a finite number of minutes.");
        var window = TimeSpan.FromMinutes(Math.Clamp(windowMinutes ?? options.LatencyWindowMinutes, 0.1, 24 * 60));
        return TypedResults.Ok(new LatencyResponse(window.TotalMinutes, latency.Summaries(window)));
    }

    /// <summary>Per channel: connection, circuit, last confirmation, and how many SKUs are pending, failed or dead.</summary>
    private static async Task<Ok<ChannelSyncResponse[]>> GetChannelSync(HubDbContext db, ChannelRuleBook rules, ChannelHealthBoard board, CancellationToken cancellationToken)
    {
        var counts = await SyncCounts.PerChannelAsync(db, cancellationToken);
        var health = board.Snapshots().ToDictionary(h => h.ChannelId);
        return TypedResults.Ok((await rules.GetAsync(cancellationToken)).Select(rule =>
        {
            var c = counts.GetValueOrDefault(rule.ChannelId, SyncCounts.None);
            health.TryGetValue(rule.ChannelId, out var h);
            return new ChannelSyncResponse(rule.ChannelId, rule.Name, rule.SyncsStock, h?.Connected ?? false, c.InSync, c.Pending, c.Failed, c.Dead, h);
        }).ToArray());
    }

    private static async Task<Ok<DeadLetterResponse[]>> GetDeadLetters(HubDbContext db, string? channelId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.SyncStates.AsNoTracking()
            .Where(s => s.Status == SyncStatus.Dead && (channelId == null || s.ChannelId == channelId))
            .OrderBy(s => s.ChannelId).ThenBy(s => s.Sku).Take(500)
            .Select(s => new DeadLetterResponse(s.ChannelId, s.Sku, s.Desired, s.Confirmed, s.Attempts, s.LastError))
            .ToArrayAsync(cancellationToken));

    private static async Task<Ok<ReplayResponse>> ReplayDeadLetters(string channelId, DeadLetterReplayer replayer, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReplayResponse(channelId, await replayer.ReplayAsync(channelId, cancellationToken)));

    private static async Task<Ok<ReconciliationRun>> Reconcile(string channelId, Reconciler reconciler, ChannelRuleBook rules, CancellationToken cancellationToken)
    {
        _ = await rules.FindAsync(channelId, cancellationToken) ?? throw HubException.NotFound($"Channel '{channelId}' does not exist.");
        return TypedResults.Ok(await reconciler.ReconcileAsync(channelId, "api", cancellationToken));
    }

    private static async Task<Ok<ReconciliationRun[]>> GetReconciliations(string channelId, HubDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Set<ReconciliationRun>().AsNoTracking().Where(r => r.ChannelId == channelId)
            .OrderByDescending(r => r.StartedAt).Take(50).ToArrayAsync(cancellationToken));
}

public sealed record LatencyResponse(double WindowMinutes, IReadOnlyList<LatencySummary> Channels);

public sealed record ChannelSyncResponse(string ChannelId, string Name, bool SyncsStock, bool Connected, int InSync, int Pending, int Failed, int Dead, ChannelHealthSnapshot? Health);

public sealed record DeadLetterResponse(string ChannelId, string Sku, int Desired, int? Confirmed, int Attempts, string? LastError);

public sealed record ReplayResponse(string ChannelId, int Replayed);
