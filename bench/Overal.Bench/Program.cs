using Overal.Bench;

// Overal benchmark: the hub's cart holds against the bare conditional statement they are built on.
// Usually run through scripts/bench.sh, which builds Release and starts/stops a durable PostgreSQL.
// `Overal.Bench sync …` (scripts/bench-sync.sh) runs the sync benchmark instead.
if (args.FirstOrDefault() == "sync")
{
    await Overal.Bench.Sync.SyncProgram.RunAsync(args[1..]);
    return;
}
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.WorkDirectory);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var legs = new List<LegResult>();
foreach (var provider in options.Providers)
{
    ProviderLeg leg = provider.ToLowerInvariant() switch
    {
        "postgres" => new PostgresLeg(options),
        "sqlite" => new SqliteLeg(options),
        _ => throw new ArgumentException($"Unknown provider '{provider}' (postgres, sqlite)."),
    };
    legs.Add(await leg.RunAsync(cancel.Token));
}

var markdown = Report.Render(options, legs);
Console.WriteLine(markdown);
if (options.MarkdownOut is { } path) await File.WriteAllTextAsync(path, markdown, cancel.Token);
