using System.Data.Common;

namespace Overal.Bench;

/// <summary>
/// One database's part of the run: a fresh database migrated and seeded by the hub itself (started once and
/// stopped), stock made endless, then (a) the bare hold statement and (b) holds through a freshly started hub,
/// each closed-loop and open-loop.
/// </summary>
public abstract class ProviderLeg(BenchOptions options)
{
    protected BenchOptions Options { get; } = options;

    public abstract string Name { get; }

    /// <summary>Creates an empty database and returns the hub's connection string for it.</summary>
    protected abstract Task<string> CreateDatabaseAsync(CancellationToken cancellationToken);

    protected abstract string HubProvider { get; }

    protected abstract Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>The ceiling's operation; disposed after the ceiling runs.</summary>
    protected abstract Task<(Func<long, CancellationToken, Task> Operation, IAsyncDisposable Resources)> CeilingAsync(
        string connectionString, StockFixture stock, CancellationToken cancellationToken);

    /// <summary>Database settings worth printing beside the figures.</summary>
    public abstract Task<IReadOnlyList<(string Name, string Value)>> SettingsAsync(CancellationToken cancellationToken);

    public async Task<LegResult> RunAsync(CancellationToken cancellationToken)
    {
        var connectionString = await CreateDatabaseAsync(cancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Database__Provider"] = HubProvider,
            ["ConnectionStrings__Overal"] = connectionString,
            ["Demo__Styles"] = Options.Styles.ToString(),
            ["Demo__Orders__OnFirstStart"] = "0",
        };
        var log = Path.Combine(Options.WorkDirectory, $"hub-{Name}.log");
        File.Delete(log);

        Console.Error.WriteLine($"[{Name}] migrating and seeding through the hub ({Options.Styles} styles)…");
        await using (await HubProcess.StartAsync(Options.HubDll, Options.Port, environment, log, cancellationToken))
        {
        }
        StockFixture stock;
        await using (var connection = await OpenAsync(connectionString, cancellationToken))
        {
            stock = await StockFixture.PrepareAsync(connection, cancellationToken);
        }
        Console.Error.WriteLine($"[{Name}] {stock.Skus.Count} SKUs, holds at '{stock.LocationId}'");

        var runs = new List<RunResult>();
        var (ceiling, resources) = await CeilingAsync(connectionString, stock, cancellationToken);
        await using (resources)
        {
            Console.Error.WriteLine($"[{Name}] (a) ceiling, closed loop…");
            await LoadRunner.ClosedLoopAsync(Name, "warm-up", Options.Concurrency, TimeSpan.Zero, Options.Warmup, ceiling, cancellationToken);
            runs.Add(await Measure(null, () => LoadRunner.ClosedLoopAsync(Name, "(a) statement only", Options.Concurrency, TimeSpan.Zero, Options.ClosedDuration, ceiling, cancellationToken)));
            Console.Error.WriteLine($"[{Name}] (a) ceiling, open loop…");
            runs.Add(await Measure(null, () => LoadRunner.OpenLoopAsync(Name, "(a) statement only", Options.Rate, TimeSpan.Zero, Options.OpenDuration, ceiling, cancellationToken)));
        }

        var reservedBefore = await ScalarAsync(connectionString, "SELECT COALESCE(SUM(reserved), 0) FROM stock_levels", cancellationToken);
        await using var hub = await HubProcess.StartAsync(Options.HubDll, Options.Port, environment, log, cancellationToken);
        using var holds = new HubHolds(hub.BaseAddress, stock);
        Console.Error.WriteLine($"[{Name}] (b) hub holds, closed loop…");
        await LoadRunner.ClosedLoopAsync(Name, "warm-up", Options.Concurrency, TimeSpan.Zero, Options.Warmup, holds.ReserveAsync, cancellationToken);
        runs.Add(await Measure(hub, () => LoadRunner.ClosedLoopAsync(Name, "(b) hub HTTP cart hold", Options.Concurrency, TimeSpan.Zero, Options.ClosedDuration, holds.ReserveAsync, cancellationToken)));
        Console.Error.WriteLine($"[{Name}] (b) hub holds, open loop…");
        runs.Add(await Measure(hub, () => LoadRunner.OpenLoopAsync(Name, "(b) hub HTTP cart hold", Options.Rate, TimeSpan.Zero, Options.OpenDuration, holds.ReserveAsync, cancellationToken)));
        // Every unit the hub reserved must belong to an active hold: the hold path changed nothing it did not record.
        var reservedByHub = await ScalarAsync(connectionString, "SELECT COALESCE(SUM(reserved), 0) FROM stock_levels", cancellationToken) - reservedBefore;
        var held = await ScalarAsync(connectionString,
            "SELECT COALESCE(SUM(a.quantity), 0) FROM reservation_allocations a JOIN reservations r ON r.id = a.reservation_id WHERE r.status = 'Active'",
            cancellationToken);
        var check = reservedByHub == held
            ? $"consistent: the hub reserved {reservedByHub} units, all held by active reservations"
            : $"INCONSISTENT: the hub reserved {reservedByHub} units but active reservations hold {held}";
        return new LegResult(Name, runs, hub.PeakMemoryMiB(), await SettingsAsync(cancellationToken)) { Consistency = check };
    }

    private async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Adds the load average at the start and, for hub runs, the hub's CPU per operation.</summary>
    private static async Task<RunResult> Measure(HubProcess? hub, Func<Task<RunResult>> run)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        var cpuBefore = hub?.CpuTime();
        var result = await run();
        double? cpuPerOp = hub is null ? null : (hub.CpuTime() - cpuBefore!.Value).TotalMilliseconds / Math.Max(1, result.Operations);
        return result with { HubCpuMsPerOp = cpuPerOp, LoadAverage = load };
    }
}
