namespace Overal.Bench.Sync;

/// <summary>Entry of the sync benchmark: run, print the Markdown, optionally write it to --markdown.</summary>
public static class SyncProgram
{
    public static async Task RunAsync(string[] args)
    {
        var options = SyncBenchOptions.Parse(args);
        Directory.CreateDirectory(options.WorkDirectory);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var result = await new SyncBench(options).RunAsync(cancel.Token);
        var markdown = SyncReport.Render(result);
        Console.WriteLine(markdown);
        if (options.MarkdownOut is { } path) await File.WriteAllTextAsync(path, markdown, cancel.Token);
    }
}
