namespace Overal.Simulators.Control;

/// <summary>Decides per call which fault applies; shared by all simulators, thread-safe.</summary>
public sealed class FaultInjector(TimeProvider time)
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = new();

    public FaultSettings Current
    {
        get { lock (_gate) { return Clone(_settings); } }
    }

    public void Apply(FaultSettings settings)
    {
        lock (_gate) { _settings = Clone(settings); }
    }

    /// <summary>What to do with the next call, consuming one throttled call if any are left.</summary>
    public FaultDecision Next()
    {
        lock (_gate)
        {
            if (_settings.OutageUntil is { } until && time.GetUtcNow() < until)
            {
                return new FaultDecision(FaultKind.Outage, _settings.LatencyMs);
            }
            if (_settings.ThrottleNextCalls > 0)
            {
                _settings.ThrottleNextCalls--;
                return new FaultDecision(FaultKind.Throttle, _settings.LatencyMs);
            }
            if (_settings.ErrorRate > 0 && Random.Shared.NextDouble() < _settings.ErrorRate)
            {
                return new FaultDecision(FaultKind.ServerError, _settings.LatencyMs);
            }
            return new FaultDecision(FaultKind.None, _settings.LatencyMs);
        }
    }

    private static FaultSettings Clone(FaultSettings s) => new()
    {
        LatencyMs = s.LatencyMs,
        ErrorRate = s.ErrorRate,
        ThrottleNextCalls = s.ThrottleNextCalls,
        OutageUntil = s.OutageUntil,
    };
}

public enum FaultKind { None, Throttle, ServerError, Outage }

public sealed record FaultDecision(FaultKind Kind, int LatencyMs);
