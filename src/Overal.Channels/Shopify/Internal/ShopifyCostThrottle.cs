namespace Overal.Channels.Shopify.Internal;

/// <summary>
/// Our model of Shopify's calculated-cost leaky bucket for this app + store, corrected by the throttleStatus
/// of every response. Points are reserved before a request is sent, so concurrent calls never together spend
/// more than the bucket holds; a request is only sent once the model says its cost is available.
/// </summary>
internal sealed class ShopifyCostThrottle(TimeProvider time)
{
    // A little slack for clock and timer granularity between our model and Shopify's.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(15);

    private readonly Lock _gate = new();
    private double _maximum;
    private double _rate = 1;
    private double _available;
    private double _inFlight;
    private DateTimeOffset _at;

    /// <summary>False until a response told us the bucket's size.</summary>
    public bool Known { get; private set; }

    public double MaximumAvailable
    {
        get { lock (_gate) { return _maximum; } }
    }

    /// <summary>Reserves <paramref name="cost"/> points. Returns how long to wait before sending, or null (nothing reserved)
    /// when that wait would exceed <paramref name="maxWait"/>; <paramref name="wouldWait"/> is then the time needed.</summary>
    public TimeSpan? TryReserve(int cost, TimeSpan maxWait, out TimeSpan wouldWait)
    {
        lock (_gate)
        {
            wouldWait = TimeSpan.Zero;
            if (!Known)
            {
                _inFlight += cost;
                return TimeSpan.Zero;
            }
            Refill();
            if (_available >= cost)
            {
                _available -= cost;
                _inFlight += cost;
                return TimeSpan.Zero;
            }
            wouldWait = TimeSpan.FromSeconds((cost - _available) / _rate) + Margin;
            if (wouldWait > maxWait) return null;
            _available -= cost;
            _inFlight += cost;
            return wouldWait;
        }
    }

    /// <summary>How long until <paramref name="cost"/> points are available, by the model.</summary>
    public TimeSpan TimeUntilAvailable(int cost)
    {
        lock (_gate)
        {
            Refill();
            return _available >= cost ? TimeSpan.Zero : TimeSpan.FromSeconds((cost - _available) / _rate) + Margin;
        }
    }

    /// <summary>The request came back with Shopify's own view of the bucket (after it charged this request).</summary>
    public void Observe(int reservedCost, double maximumAvailable, double currentlyAvailable, double restoreRate)
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - reservedCost);
            _maximum = maximumAvailable;
            _rate = restoreRate > 0 ? restoreRate : 1;
            // Shopify's figure is taken as of now (it is really a little older: conservative), minus what other calls
            // have reserved and not yet reported.
            _available = currentlyAvailable - _inFlight;
            _at = time.GetUtcNow();
            Known = true;
        }
    }

    /// <summary>The request never reached Shopify (or came back without a cost): give the reservation back.</summary>
    public void Release(int reservedCost)
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - reservedCost);
            if (Known) _available += reservedCost;
        }
    }

    private void Refill()
    {
        var now = time.GetUtcNow();
        var elapsed = (now - _at).TotalSeconds;
        if (elapsed > 0) _available = Math.Min(_maximum - _inFlight, _available + elapsed * _rate);
        _at = now;
    }
}
