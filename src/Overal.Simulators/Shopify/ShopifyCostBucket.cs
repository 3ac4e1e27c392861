namespace Overal.Simulators.Shopify;

/// <summary>
/// Shopify's calculated-cost leaky bucket for one app + store. A request is admitted only when its requested cost
/// fits in what is currently available; afterwards the difference between requested and actual cost is refunded.
/// </summary>
internal sealed class ShopifyCostBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private double _available;
    private DateTimeOffset _at;

    public ShopifyCostBucket(TimeProvider time, double maximumAvailable, double restoreRate)
    {
        _time = time;
        MaximumAvailable = maximumAvailable;
        RestoreRate = restoreRate;
        _available = maximumAvailable;
        _at = time.GetUtcNow();
    }

    public double MaximumAvailable { get; }

    public double RestoreRate { get; }

    /// <summary>Charges the requested cost if it fits; returns false (and charges nothing) when throttled.</summary>
    public bool TryCharge(int requestedCost, out double availableAfter)
    {
        lock (_gate)
        {
            Refill();
            if (requestedCost > _available)
            {
                availableAfter = _available;
                return false;
            }
            _available -= requestedCost;
            availableAfter = _available;
            return true;
        }
    }

    public double Refund(int points)
    {
        lock (_gate)
        {
            Refill();
            _available = Math.Min(MaximumAvailable, _available + points);
            return _available;
        }
    }

    /// <summary>Empties the bucket, as if another client of the same app had used it up (throttle fault).</summary>
    public void Drain()
    {
        lock (_gate)
        {
            Refill();
            _available = 0;
        }
    }

    private void Refill()
    {
        var now = _time.GetUtcNow();
        var elapsed = (now - _at).TotalSeconds;
        if (elapsed > 0)
        {
            _available = Math.Min(MaximumAvailable, _available + elapsed * RestoreRate);
        }
        _at = now;
    }
}
