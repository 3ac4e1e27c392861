using System.Globalization;
using System.Text;

namespace Overal.Bench.Sync;

/// <summary>The sync run as Markdown: machine, settings, one table for the webhooks and one per rate for the channels.</summary>
public static class SyncReport
{
    public static string Render(SyncBenchResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = r.Options;
        var s = new StringBuilder();
        s.AppendLine("### Machine").AppendLine();
        foreach (var (name, value) in MachineInfo.Describe()) s.AppendLine(inv, $"- {name}: {value}");
        s.AppendLine().AppendLine("### Settings").AppendLine();
        s.AppendLine(inv, $"- Hub (Release, separate process) on durable PostgreSQL, Channels:Mode=Live, every channel pointed at the simulators process (Release, separate process, each channel's real default limits); connected channels that sync stock: {string.Join(", ", r.ConnectedChannels)}");
        s.AppendLine(inv, $"- Catalog: {o.Styles} demo styles = {r.Skus} SKUs listed on every simulator; initial sync: {r.InitialSync}");
        s.AppendLine(inv, $"- Load: open loop at {string.Join(", ", o.Rates)} changes/s, {o.Duration.TotalSeconds:0} s each (after a 3 s warm-up at 50/s); {100 - o.WarehouseShare * 100:0} % signed Lightspeed `sale.update` webhooks (one line, sale then return on later passes) over {r.StoreTargets} SKU×store rows at the 6 ship-from-store stores (webshop and zalando pools), {o.WarehouseShare * 100:0} % warehouse adjustments (±1) via `POST /api/stock/movements` over {r.WarehouseTargets} SKUs (bol, amazon, instagram, facebook, b2b and the pools above)");
        s.AppendLine(inv, $"- After each rate: wait up to {o.DrainTimeout.TotalSeconds:0} s for every channel's pending+failed rows to reach 0, then read propagation percentiles (origin → channel confirmed) from `GET /api/sync/latency` over a window covering the rate and its drain, and calls from `GET /api/sync/channels` health counters");
        s.AppendLine("- Load generator, hub, simulators and PostgreSQL share the machine; webhook latency is measured from each request's scheduled start (no coordinated omission)");
        s.AppendLine().AppendLine("### Webhooks").AppendLine();
        s.AppendLine("| Offered /s | Accepted /s | p50 ms | p95 ms | p99 ms | max ms | errors | stock changes | hub CPU ms/change | hub peak MiB | load avg |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in r.Rates)
        {
            var w = x.Webhooks;
            s.AppendLine(inv, $"| {x.Rate} | {w.OpsPerSecond:0} | {w.P50:0.0} | {w.P95:0.0} | {w.P99:0.0} | {w.Max:0} | {w.Errors} | {x.Changes} | {x.HubCpuMsPerChange:0.00} | {x.HubPeakMiB:0} | {x.LoadAverage ?? "?"} |");
        }
        foreach (var x in r.Rates)
        {
            s.AppendLine().AppendLine(inv, $"### Channels at {x.Rate} changes/s").AppendLine();
            s.AppendLine("| Channel | confirmations | p50 ms | p95 ms | p99 ms | max ms | calls | calls per change | items confirmed | backlog at end | drained after | backlog after drain wait |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var c in x.Channels)
            {
                s.AppendLine(inv, $"| {c.ChannelId} | {c.Confirmations} | {F(c.P50)} | {F(c.P95)} | {F(c.P99)} | {F(c.Max)} | {c.Calls} | {(double)c.Calls / Math.Max(1, x.Changes):0.000} | {c.ItemsConfirmed} | {c.BacklogAtEnd} | {(c.DrainedAfter is { } d ? $"{d.TotalSeconds:0.0} s" : "not drained")} | {c.BacklogAfterDrain} |");
            }
        }
        var behind = r.Rates.SelectMany(x => x.Channels.Where(c => c.BacklogAfterDrain > 0).Select(c => (x.Rate, c))).ToList();
        if (behind.Count > 0) s.AppendLine();
        foreach (var (rate, c) in behind) s.AppendLine(inv, $"- {rate}/s, {c.ChannelId} still behind after the drain wait: {c.Health}");
        s.AppendLine().AppendLine("### Goal check (1,000 changes/s sustained, p99 < 1 s to every connected channel)").AppendLine();
        foreach (var x in r.Rates)
        {
            var sustained = x.Webhooks.OpsPerSecond >= x.Rate * 0.97 && x.Webhooks.Errors == 0;
            var missed = x.Channels.Where(c => c.P99 is not { } p || p >= 1000).Select(c => c.ChannelId).ToList();
            s.AppendLine(inv, $"- {x.Rate}/s: {(sustained ? "sustained" : "NOT sustained")}; p99 < 1 s on {x.Channels.Count - missed.Count}/{x.Channels.Count} channels{(missed.Count > 0 ? $" (missed: {string.Join(", ", missed)})" : "")}");
        }
        foreach (var x in r.Rates.Where(x => x.Webhooks.Errors > 0))
        {
            s.AppendLine(inv, $"- {x.Rate}/s: {x.Webhooks.Errors} errors, first: {x.Webhooks.FirstError}");
        }
        return s.ToString();

        string F(double? v) => v is { } d ? d.ToString("0", inv) : "–";
    }
}
