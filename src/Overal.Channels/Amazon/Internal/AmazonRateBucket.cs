namespace Overal.Channels.Amazon.Internal;

/// <summary>
/// The adapter's copy of one operation's usage plan: a token bucket that starts from the contract's figures and
/// takes its rate from the x-amzn-RateLimit-Limit header. A call is sent only when the bucket can pay for it.
/// </summary>
internal sealed class AmazonRateBucket(double rate, int burst, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _rate = rate;
    private double _tokens = burst;
    private DateTimeOffset _at = time.GetUtcNow();

    public async Task AcquireAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            Refill();
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return;
            }
            wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            if (wait > maxWait) throw new AmazonUnavailableException("SP-API quota for this operation is used up", wait, throttled: true);
            _tokens -= 1; // reserve the token that will have refilled when the wait is over
        }
        await Task.Delay(wait, time, cancellationToken);
    }

    public void Observe(string? rateHeader, bool throttled)
    {
        lock (_gate)
        {
            // Credit the time that passed since the token was taken, the wait for a reserved token included: the
            // reservation left the bucket in debt, and only that refill time pays it back. (Resetting the refill
            // clock here lost every wait, so the debt grew by one token per call until a read stopped after ~20
            // calls with no 429.) But Amazon took its token somewhere between our send and this response, and a
            // full bucket does not refill: so right now it holds at most burst - 1 as far as we can know, however
            // slow the call was (a slow first call especially).
            Refill();
            _tokens = Math.Min(_tokens, burst - 1);
            if (double.TryParse(rateHeader, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r) && r > 0) _rate = r;
            if (throttled) _tokens = Math.Min(_tokens, 0);
        }
    }

    public TimeSpan TimeForOne
    {
        get { lock (_gate) return TimeSpan.FromSeconds(1 / _rate); }
    }

    private void Refill()
    {
        var now = time.GetUtcNow();
        _tokens = Math.Min(burst, _tokens + (now - _at).TotalSeconds * _rate);
        _at = now;
    }
}
