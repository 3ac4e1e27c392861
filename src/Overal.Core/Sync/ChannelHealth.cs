namespace Overal.Core.Sync;

/// <summary>Live health of one channel's sync, as the dispatcher sees it. Thread-safe snapshots via <see cref="Snapshot"/>.</summary>
public sealed class ChannelHealth(string channelId)
{
    /// <summary>How many failed calls the Channels page lists.</summary>
    public const int RecentErrorsKept = 10;

    private readonly Lock _gate = new();
    private readonly Queue<ChannelError> _recentErrors = new();
    private long _throttles;
    private CircuitState _circuit = CircuitState.Closed;
    private DateTimeOffset? _openUntil;
    private int _consecutiveFailures;
    private DateTimeOffset? _lastSuccessAt;
    private DateTimeOffset? _lastFailureAt;
    private string? _lastError;
    private DateTimeOffset? _pausedUntil;
    private long _calls;
    private long _confirmed;
    private long _failedItems;

    public string ChannelId { get; } = channelId;

    public bool Connected { get; set; }

    public bool MayPush(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_pausedUntil is { } paused && now < paused) return false;
            if (_circuit != CircuitState.Open) return true;
            if (_openUntil is { } until && now < until) return false;
            _circuit = CircuitState.HalfOpen;
            return true;
        }
    }

    /// <summary>When the dispatcher should look again if it may not push now.</summary>
    public DateTimeOffset? BlockedUntil
    {
        get
        {
            lock (_gate)
            {
                var open = _circuit == CircuitState.Open ? _openUntil : null;
                return Max(open, _pausedUntil);
            }
        }
    }

    public void Succeeded(DateTimeOffset now, int calls, int confirmed, int failedItems)
    {
        lock (_gate)
        {
            _circuit = CircuitState.Closed;
            _openUntil = null;
            _consecutiveFailures = 0;
            _lastSuccessAt = now;
            _calls += calls;
            _confirmed += confirmed;
            _failedItems += failedItems;
        }
    }

    /// <summary>A pass that only met a rate limit: neither a success nor a failure.</summary>
    public void Throttled(int calls)
    {
        lock (_gate)
        {
            _calls += calls;
            _throttles++;
        }
    }

    /// <returns>True when this failure opened the circuit.</returns>
    public bool Failed(DateTimeOffset now, int calls, string error, SyncOptions options)
    {
        lock (_gate)
        {
            _calls += calls;
            _consecutiveFailures++;
            _lastFailureAt = now;
            _lastError = error;
            _recentErrors.Enqueue(new ChannelError(now, error));
            if (_recentErrors.Count > RecentErrorsKept) _recentErrors.Dequeue();
            if (_circuit == CircuitState.HalfOpen || _consecutiveFailures >= options.CircuitFailureThreshold)
            {
                var opened = _circuit != CircuitState.Open;
                _circuit = CircuitState.Open;
                _openUntil = now + TimeSpan.FromSeconds(options.CircuitOpenSeconds);
                return opened;
            }
            return false;
        }
    }

    /// <summary>The channel asked us to wait (Retry-After, empty bucket): no pushes until then.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate) _pausedUntil = Max(_pausedUntil, until);
    }

    public ChannelHealthSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ChannelHealthSnapshot(ChannelId, Connected, _circuit, _openUntil, _consecutiveFailures, _lastSuccessAt, _lastFailureAt,
                _lastError, _pausedUntil, _calls, _confirmed, _failedItems, _throttles, [.. _recentErrors.Reverse()]);
        }
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <param name="Throttles">Passes that met the channel's rate limit (neither success nor failure).</param>
/// <param name="RecentErrors">The last failed calls, newest first.</param>
public sealed record ChannelHealthSnapshot(
    string ChannelId,
    bool Connected,
    CircuitState Circuit,
    DateTimeOffset? CircuitOpenUntil,
    int ConsecutiveFailures,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastError,
    DateTimeOffset? PausedUntil,
    long Calls,
    long ItemsConfirmed,
    long ItemsFailed,
    long Throttles,
    IReadOnlyList<ChannelError> RecentErrors);
