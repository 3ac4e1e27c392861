namespace Overal.Bench;

/// <summary>Command-line settings: `--name value` pairs; every one has a default except where noted.</summary>
public sealed record BenchOptions
{
    /// <summary>Admin connection string of a running PostgreSQL (scripts/bench.sh starts a durable one); required for the postgres leg.</summary>
    public string? Postgres { get; init; }
    /// <summary>Path to the Release Overal.Hub.dll (required).</summary>
    public string HubDll { get; init; } = "";
    public string[] Providers { get; init; } = ["postgres", "sqlite"];
    public int Concurrency { get; init; } = 32;
    public int Rate { get; init; } = 200;
    public TimeSpan ClosedDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan OpenDuration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int Styles { get; init; } = 100;
    public int Port { get; init; } = 5391;
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "overal-bench");
    public string? MarkdownOut { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--postgres" => o with { Postgres = Next() },
                "--hub" => o with { HubDll = Next() },
                "--providers" => o with { Providers = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--concurrency" => o with { Concurrency = int.Parse(Next()) },
                "--rate" => o with { Rate = int.Parse(Next()) },
                "--duration" => o with { ClosedDuration = TimeSpan.FromSeconds(double.Parse(Next())) },
                "--open-duration" => o with { OpenDuration = TimeSpan.FromSeconds(double.Parse(Next())) },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(double.Parse(Next())) },
                "--styles" => o with { Styles = int.Parse(Next()) },
                "--port" => o with { Port = int.Parse(Next()) },
                "--work" => o with { WorkDirectory = Next() },
                "--markdown" => o with { MarkdownOut = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        if (!File.Exists(o.HubDll)) throw new ArgumentException($"--hub must point at Overal.Hub.dll (got '{o.HubDll}').");
        if (o.Providers.Contains("postgres") && string.IsNullOrWhiteSpace(o.Postgres)) throw new ArgumentException("--postgres is required for the postgres leg.");
        return o;
    }
}
