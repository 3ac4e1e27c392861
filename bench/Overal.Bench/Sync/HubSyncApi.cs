using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Overal.Bench.Sync;

/// <summary>Reads the hub's sync state: GET /api/sync/channels and GET /api/sync/latency.</summary>
public sealed class HubSyncApi(HttpClient hub)
{
    /// <summary>Connected channels that sync stock (the POS channel only reports sales).</summary>
    public async Task<IReadOnlyList<ChannelState>> ChannelsAsync(CancellationToken cancellationToken)
    {
        var rows = await hub.GetFromJsonAsync<JsonArray>("/api/sync/channels", cancellationToken) ?? [];
        return [.. rows.OfType<JsonObject>().Select(r => new ChannelState(
            (string)r["channelId"]!, (bool)r["syncsStock"]!, (bool)r["connected"]!, (int)r["inSync"]!, (int)r["pending"]!, (int)r["failed"]!, (int)r["dead"]!,
            (long?)r["health"]?["calls"] ?? 0, (long?)r["health"]?["itemsConfirmed"] ?? 0,
            r["health"]?["circuit"]?.ToString(), r["health"]?["pausedUntil"]?.ToString(), r["health"]?["lastError"]?.ToString()))
            .Where(c => c.SyncsStock && c.Connected)];
    }

    /// <summary>Per channel (count, p50, p95, p99, max) in ms over the last <paramref name="window"/>.</summary>
    public async Task<IReadOnlyDictionary<string, (int Count, double? P50, double? P95, double? P99, double? Max)>> LatencyAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var minutes = Math.Max(0.1, window.TotalMinutes).ToString("0.###", CultureInfo.InvariantCulture);
        var body = await hub.GetFromJsonAsync<JsonObject>($"/api/sync/latency?windowMinutes={minutes}", cancellationToken);
        return (body?["channels"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(
            c => (string)c["channelId"]!,
            c => ((int)c["count"]!, (double?)c["p50"], (double?)c["p95"], (double?)c["p99"], (double?)c["max"]));
    }

    /// <summary>
    /// Polls (every 250 ms, at most <paramref name="timeout"/>) until every channel's backlog is 0; returns when each
    /// channel first reached 0 (null: not within the timeout) and the last state seen.
    /// </summary>
    public async Task<(Dictionary<string, TimeSpan?> DrainedAfter, IReadOnlyList<ChannelState> Last)> WaitDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var drained = new Dictionary<string, TimeSpan?>();
        IReadOnlyList<ChannelState> last = [];
        while (true)
        {
            last = await ChannelsAsync(cancellationToken);
            foreach (var c in last)
            {
                if (!drained.TryGetValue(c.ChannelId, out var at)) drained[c.ChannelId] = at = null;
                if (at is null && c.Backlog == 0) drained[c.ChannelId] = clock.Elapsed;
                if (c.Backlog > 0) drained[c.ChannelId] = null; // counts only once it stays at 0 until the end
            }
            if (last.All(c => c.Backlog == 0) || clock.Elapsed > timeout) return (drained, last);
            await Task.Delay(250, cancellationToken);
        }
    }
}
