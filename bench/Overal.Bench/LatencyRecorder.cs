using System.Diagnostics;

namespace Overal.Bench;

/// <summary>
/// Keeps every latency (no sampling, no buckets) and sorts once at the end, so percentiles are exact: the
/// HdrHistogram idea without its value-precision rounding, affordable at the few hundred thousand samples a run makes.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<long> _ticks = new(1 << 16);
    private long _errors;
    private string? _firstError;

    public void Record(long stopwatchTicks)
    {
        lock (_lock) _ticks.Add(stopwatchTicks);
    }

    public void Fail(Exception e)
    {
        if (Interlocked.Increment(ref _errors) == 1) _firstError = e.GetBaseException().Message;
    }

    public RunResult Summarise(string provider, string workload, string load, TimeSpan elapsed)
    {
        long[] sorted;
        lock (_lock) sorted = [.. _ticks];
        Array.Sort(sorted);
        double Ms(double quantile)
        {
            if (sorted.Length == 0) return double.NaN;
            // Nearest-rank percentile: the smallest sample with at least `quantile` of all samples at or below it.
            var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
        }
        return new RunResult(provider, workload, load, sorted.Length, Interlocked.Read(ref _errors), _firstError,
            sorted.Length / elapsed.TotalSeconds, Ms(0.50), Ms(0.95), Ms(0.99), Ms(1.0));
    }
}
