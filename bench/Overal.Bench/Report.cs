using System.Globalization;
using System.Text;

namespace Overal.Bench;

/// <summary>Writes the run as Markdown: machine, settings, the figures table and the goal checks.</summary>
public static class Report
{
    public static string Render(BenchOptions options, IReadOnlyList<LegResult> legs)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("### Machine").AppendLine();
        foreach (var (name, value) in MachineInfo.Describe()) s.AppendLine(inv, $"- {name}: {value}");
        s.AppendLine().AppendLine("### Settings").AppendLine();
        s.AppendLine(inv, $"- Closed loop: {options.Concurrency} concurrent clients for {options.ClosedDuration.TotalSeconds:0.#} s after {options.Warmup.TotalSeconds:0.#} s warm-up");
        s.AppendLine(inv, $"- Open loop: {options.Rate} requests/s for {options.OpenDuration.TotalSeconds:0.#} s; latency from each request's scheduled start (no coordinated omission)");
        s.AppendLine(inv, $"- Workload: one-unit cart holds on channel `{StockFixture.Channel}`, SKUs spread over the demo catalog ({options.Styles} styles), stock large enough that none is refused");
        s.AppendLine("- (a) = the hub's conditional hold statement alone, autocommit; (b) = `POST /api/reservations` to the hub as a separate process over loopback HTTP/1.1");
        s.AppendLine("- Load generator, hub and database share the same machine; `load avg` is the 1-minute load average as each run started (other work on the machine shows there); `hub CPU ms/op` is the hub process's user+system CPU per hold, which other load does not inflate much");
        foreach (var leg in legs)
        {
            s.AppendLine(inv, $"- {leg.Provider}: {string.Join(", ", leg.Settings.Select(x => $"{x.Name}={x.Value}"))}");
        }
        s.AppendLine().AppendLine("### Figures").AppendLine();
        s.AppendLine("| Database | Workload | Load | ops/s | p50 ms | p95 ms | p99 ms | max ms | errors | hub CPU ms/op | load avg |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in legs.SelectMany(l => l.Runs))
        {
            s.AppendLine(inv, $"| {r.Provider} | {r.Workload} | {r.Load} | {r.OpsPerSecond:0} | {r.P50:0.00} | {r.P95:0.00} | {r.P99:0.00} | {r.Max:0.0} | {r.Errors} | {(r.HubCpuMsPerOp is { } cpu ? cpu.ToString("0.00", inv) : "–")} | {r.LoadAverage ?? "?"} |");
        }
        s.AppendLine().AppendLine("### Summary").AppendLine();
        foreach (var leg in legs)
        {
            s.AppendLine(inv, $"- {leg.Provider}: b/a = {leg.HubClosed.OpsPerSecond:0} / {leg.CeilingClosed.OpsPerSecond:0} ops/s = **{leg.Ratio:P0}**; hub p99 at {options.Rate} req/s = **{leg.HubOpen.P99:0.0} ms**; hub peak memory (VmHWM) = **{leg.HubPeakMiB:0} MiB**; {leg.Consistency}");
        }
        if (legs.FirstOrDefault(l => l.Provider == "PostgreSQL") is { } pg)
        {
            var ratioOk = pg.Ratio >= 0.5;
            var p99Ok = pg.HubOpen.P99 < 20;
            s.AppendLine(inv, $"- Goal on PostgreSQL (b ≥ 50 % of a; p99 < 20 ms at {options.Rate} req/s): ratio {(ratioOk ? "met" : "MISSED")}, p99 {(p99Ok ? "met" : "MISSED")}");
        }
        foreach (var r in legs.SelectMany(l => l.Runs).Where(r => r.Errors > 0))
        {
            s.AppendLine(inv, $"- {r.Provider} {r.Workload} ({r.Load}): {r.Errors} errors, first: {r.FirstError}");
        }
        return s.ToString();
    }
}
