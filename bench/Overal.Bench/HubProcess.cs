using System.Diagnostics;

namespace Overal.Bench;

/// <summary>
/// The hub as a separate process (`dotnet Overal.Hub.dll --urls …`), configured by environment variables like
/// in production. Killed on dispose and on the bench's own exit, so no run leaves a hub behind.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private HubProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        AppDomain.CurrentDomain.ProcessExit += OnExit;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>The API key the bench's clients send as X-Api-Key (a throwaway, configured only for the bench's own hub).</summary>
    public const string ApiKey = "overal-bench-throwaway-key";

    /// <param name="readyPath">Polled until it answers 2xx (the simulators process has no /health/ready; it uses /_control/).</param>
    public static async Task<HubProcess> StartAsync(string hubDll, int port, IReadOnlyDictionary<string, string> environment, string logPath,
        CancellationToken cancellationToken, string readyPath = "/health/ready")
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hubDll, "--urls", baseAddress.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        // Every /api call needs a key or a session: the bench's clients send this admin key (its hash is configured here).
        start.Environment["Auth__ApiKeys__bench__Hash"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey)));
        start.Environment["Auth__ApiKeys__bench__Role"] = "admin";
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the hub.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hub = new HubProcess(process, log, baseAddress);
        try
        {
            await hub.WaitReadyAsync(readyPath, logPath, cancellationToken);
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>The hub's peak resident memory so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) / 1024.0;
            }
        }
        return double.NaN;
    }

    /// <summary>CPU time (user + system) the hub has used so far, from /proc/&lt;pid&gt;/stat.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field overall.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private async Task WaitReadyAsync(string readyPath, string logPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The process exited with code {_process.ExitCode} while starting; see {logPath}.");
            try
            {
                using var response = await http.GetAsync(readyPath, cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet (migrating and seeding).
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The hub did not become ready within 3 minutes; see {logPath}.");
    }

    private void OnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
