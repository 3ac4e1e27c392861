using System.Globalization;

namespace Overal.Bench.Sync;

/// <summary>Settings of `Overal.Bench sync …` (scripts/bench-sync.sh): `--name value` pairs, all with defaults except the paths.</summary>
public sealed record SyncBenchOptions
{
    public string Postgres { get; init; } = "";
    public string HubDll { get; init; } = "";
    public string SimulatorsDll { get; init; } = "";
    public int[] Rates { get; init; } = [100, 500, 1000];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>How long to wait after each rate for the backlog to reach 0 before moving on.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(45);
    public TimeSpan InitialSyncTimeout { get; init; } = TimeSpan.FromSeconds(90);
    /// <summary>Share of stock changes made at the warehouse through POST /api/stock/movements (the rest are store sales via webhooks), so bol, Amazon, Meta and B2B see changes too.</summary>
    public double WarehouseShare { get; init; } = 0.1;
    public int Styles { get; init; } = 60;
    public int HubPort { get; init; } = 5491;
    public int SimulatorsPort { get; init; } = 5492;
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "overal-bench-sync");
    public string? MarkdownOut { get; init; }

    public static SyncBenchOptions Parse(IEnumerable<string> arguments)
    {
        var args = arguments.ToArray();
        var o = new SyncBenchOptions();
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--postgres" => o with { Postgres = Next() },
                "--hub" => o with { HubDll = Next() },
                "--simulators" => o with { SimulatorsDll = Next() },
                "--rates" => o with { Rates = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, inv))] },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(double.Parse(Next(), inv)) },
                "--drain-timeout" => o with { DrainTimeout = TimeSpan.FromSeconds(double.Parse(Next(), inv)) },
                "--initial-timeout" => o with { InitialSyncTimeout = TimeSpan.FromSeconds(double.Parse(Next(), inv)) },
                "--warehouse-share" => o with { WarehouseShare = Math.Clamp(double.Parse(Next(), inv), 0, 1) },
                "--styles" => o with { Styles = int.Parse(Next(), inv) },
                "--port" => o with { HubPort = int.Parse(Next(), inv) },
                "--simulators-port" => o with { SimulatorsPort = int.Parse(Next(), inv) },
                "--work" => o with { WorkDirectory = Next() },
                "--markdown" => o with { MarkdownOut = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        if (!File.Exists(o.HubDll)) throw new ArgumentException($"--hub must point at Overal.Hub.dll (got '{o.HubDll}').");
        if (!File.Exists(o.SimulatorsDll)) throw new ArgumentException($"--simulators must point at Overal.Simulators.dll (got '{o.SimulatorsDll}').");
        if (string.IsNullOrWhiteSpace(o.Postgres)) throw new ArgumentException("--postgres is required.");
        if (o.Rates.Length == 0 || o.Rates.Any(r => r <= 0)) throw new ArgumentException("--rates needs positive rates, e.g. 100,500,1000.");
        return o;
    }
}
