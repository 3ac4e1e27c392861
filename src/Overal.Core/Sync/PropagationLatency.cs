using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Overal.Core.Sync;

/// <summary>
/// Origin → channel-confirmed latency per channel: an OpenTelemetry histogram (scraped at /metrics) and a ring of
/// recent samples for percentiles over a window (GET /api/sync/latency, the dashboard).
/// </summary>
public sealed class PropagationLatency : IDisposable
{
    public const string MeterName = "Overal.Sync";
    private const int SamplesPerChannel = 65_536;

    private readonly Meter _meter;
    private readonly Histogram<double> _histogram;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _confirmed;
    private readonly ConcurrentDictionary<string, SampleRing> _rings = new();
    private readonly TimeProvider _time;

    public PropagationLatency(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        _meter = meters.Create(MeterName);
        _histogram = _meter.CreateHistogram<double>("overal.sync.propagation.latency", "ms",
            "Time from a stock change to the channel confirming the new number",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 25, 50, 100, 250, 500, 750, 1000, 2500, 5000, 10000, 30000, 60000] });
        _calls = _meter.CreateCounter<long>("overal.sync.channel.calls", description: "Calls made to channel APIs by the dispatchers");
        _confirmed = _meter.CreateCounter<long>("overal.sync.items.confirmed", description: "SKU values confirmed by channels");
    }

    public void Record(string channelId, double milliseconds)
    {
        _histogram.Record(milliseconds, new KeyValuePair<string, object?>("channel", channelId));
        _rings.GetOrAdd(channelId, _ => new SampleRing(SamplesPerChannel)).Add(_time.GetUtcNow(), milliseconds);
    }

    public void Calls(string channelId, int calls, int confirmed)
    {
        var tag = new KeyValuePair<string, object?>("channel", channelId);
        _calls.Add(calls, tag);
        _confirmed.Add(confirmed, tag);
    }

    public IReadOnlyList<LatencySummary> Summaries(TimeSpan window)
    {
        var since = _time.GetUtcNow() - window;
        return [.. _rings.OrderBy(r => r.Key).Select(r => LatencySummary.From(r.Key, r.Value.Since(since)))];
    }

    public void Dispose() => _meter.Dispose();

    private sealed class SampleRing(int capacity)
    {
        private readonly (DateTimeOffset At, double Ms)[] _samples = new (DateTimeOffset, double)[capacity];
        private long _next;

        public void Add(DateTimeOffset at, double ms)
        {
            var slot = Interlocked.Increment(ref _next) - 1;
            _samples[slot % capacity] = (at, ms);
        }

        public double[] Since(DateTimeOffset since)
        {
            var count = (int)Math.Min(Interlocked.Read(ref _next), capacity);
            return [.. _samples.Take(count).Where(s => s.At >= since).Select(s => s.Ms)];
        }
    }
}

public sealed record LatencySummary(string ChannelId, int Count, double? P50, double? P95, double? P99, double? Max)
{
    public static LatencySummary From(string channelId, double[] samples)
    {
        if (samples.Length == 0) return new(channelId, 0, null, null, null, null);
        Array.Sort(samples);
        return new(channelId, samples.Length, Percentile(samples, 0.50), Percentile(samples, 0.95), Percentile(samples, 0.99), samples[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
