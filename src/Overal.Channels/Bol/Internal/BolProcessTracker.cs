using System.Text.Json.Nodes;

namespace Overal.Channels.Bol.Internal;

/// <summary>
/// Waits for queued (202) calls to finish by polling bol's BULK process-status endpoint (up to 1000 ids a call),
/// never one GET per id. Only SUCCESS confirms; FAILURE is final; TIMEOUT or still PENDING means try again later.
/// </summary>
internal sealed class BolProcessTracker(BolApi api, BolAdapterOptions options, TimeProvider time)
{
    private const int BulkLimit = 1000;

    public async Task<Dictionary<string, BolProcessOutcome>> AwaitAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, BolProcessOutcome>();
        var pending = ids.ToHashSet();
        var deadline = time.GetUtcNow() + options.ProcessStatusTimeout;
        while (pending.Count > 0)
        {
            var wait = options.ProcessStatusPollInterval;
            if (time.GetUtcNow() + wait > deadline) break;
            await Task.Delay(wait, time, cancellationToken);
            if (!await QueryAsync(pending, outcomes, cancellationToken)) return outcomes;
        }
        foreach (var id in pending) outcomes[id] = new BolProcessOutcome(id, "PENDING", "", "bol is still processing the update", null);
        return outcomes;
    }

    /// <summary>One look at the statuses, without waiting (for work that takes bol minutes, checked on later passes).</summary>
    public async Task<Dictionary<string, BolProcessOutcome>> CheckAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, BolProcessOutcome>();
        var pending = ids.ToHashSet();
        if (await QueryAsync(pending, outcomes, cancellationToken))
        {
            foreach (var id in pending) outcomes[id] = new BolProcessOutcome(id, "PENDING", "", "bol is still processing it", null);
        }
        return outcomes;
    }

    /// <summary>Moves finished ids from <paramref name="pending"/> to <paramref name="outcomes"/>; false when bol could not be asked (then every pending id has a PENDING outcome carrying the reason).</summary>
    private async Task<bool> QueryAsync(HashSet<string> pending, Dictionary<string, BolProcessOutcome> outcomes, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var chunk in pending.Chunk(BulkLimit))
            {
                var query = new JsonObject
                {
                    ["processStatusQueries"] = new JsonArray([.. chunk.Select(id => (JsonNode)new JsonObject { ["processStatusId"] = id })]),
                };
                var response = await api.SendAsync(HttpMethod.Post, "shared/process-status", query, cancellationToken);
                if (!response.IsSuccess) continue;
                foreach (var status in response.Json?["processStatuses"] as JsonArray ?? [])
                {
                    var outcome = BolProcessOutcome.From(status);
                    if (outcome is null || outcome.Status == "PENDING") continue;
                    outcomes[outcome.Id] = outcome;
                    pending.Remove(outcome.Id);
                }
            }
            return true;
        }
        catch (BolUnavailableException e)
        {
            foreach (var id in pending) outcomes[id] = new BolProcessOutcome(id, "PENDING", "", e.Message, e.RetryAfter);
            return false;
        }
    }
}
