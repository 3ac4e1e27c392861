using System.Diagnostics;

namespace Overal.Bench;

/// <summary>
/// Drives one operation (which throws when it did not succeed) either closed-loop (N workers back to back: the
/// maximum throughput) or open-loop (a fixed arrival rate regardless of how fast answers come back).
/// </summary>
public static class LoadRunner
{
    /// <param name="operation">Receives a sequence number (to pick a SKU) and the cancellation token.</param>
    public static async Task<RunResult> ClosedLoopAsync(string provider, string workload, int concurrency, TimeSpan warmup, TimeSpan duration,
        Func<long, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero) await RunClosedAsync(concurrency, warmup, operation, new LatencyRecorder(), cancellationToken);
        var recorder = new LatencyRecorder();
        var elapsed = await RunClosedAsync(concurrency, duration, operation, recorder, cancellationToken);
        return recorder.Summarise(provider, workload, $"closed loop, {concurrency} concurrent", elapsed);
    }

    /// <summary>
    /// Starts request i at start + i/rate whether or not earlier ones have finished, and measures each latency from
    /// that intended start: a stalled server shows up in the percentiles instead of silently lowering the load
    /// (no coordinated omission).
    /// </summary>
    public static async Task<RunResult> OpenLoopAsync(string provider, string workload, int rate, TimeSpan warmup, TimeSpan duration,
        Func<long, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        if (warmup > TimeSpan.Zero) await RunOpenAsync(rate, warmup, operation, new LatencyRecorder(), cancellationToken);
        var recorder = new LatencyRecorder();
        var elapsed = await RunOpenAsync(rate, duration, operation, recorder, cancellationToken);
        return recorder.Summarise(provider, workload, $"open loop, {rate} req/s", elapsed);
    }

    private static long _sequence;

    private static async Task<TimeSpan> RunClosedAsync(int concurrency, TimeSpan duration, Func<long, CancellationToken, Task> operation,
        LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var end = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.ElapsedTicks < end && !cancellationToken.IsCancellationRequested)
            {
                var started = clock.ElapsedTicks;
                try
                {
                    await operation(Interlocked.Increment(ref _sequence), cancellationToken);
                    recorder.Record(clock.ElapsedTicks - started);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    recorder.Fail(e); // including client timeouts
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> RunOpenAsync(int rate, TimeSpan duration, Func<long, CancellationToken, Task> operation,
        LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var interval = (double)Stopwatch.Frequency / rate;
        var inFlight = new List<Task>((int)Math.Min(total, 1_000_000));
        var clock = Stopwatch.StartNew();
        long next = 0;
        while (next < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Release every request that is due (timer granularity is ~1 ms, so a few may go at once; their
            // latency is still counted from their own due time).
            while (next < total && (long)(next * interval) <= clock.ElapsedTicks)
            {
                inFlight.Add(Send((long)(next * interval)));
                next++;
            }
            var wait = (long)(next * interval) - clock.ElapsedTicks;
            if (wait > 0) await Task.Delay(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)), cancellationToken);
        }
        await Task.WhenAll(inFlight);
        // Completed operations over the whole run, tail included: about the offered rate when the system keeps up.
        return clock.Elapsed;

        async Task Send(long due)
        {
            await Task.Yield();
            try
            {
                await operation(Interlocked.Increment(ref _sequence), cancellationToken);
                recorder.Record(clock.ElapsedTicks - due);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                recorder.Fail(e); // including client timeouts
            }
        }
    }
}
