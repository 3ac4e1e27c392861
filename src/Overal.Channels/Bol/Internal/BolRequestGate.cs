using System.Globalization;

namespace Overal.Channels.Bol.Internal;

/// <summary>
/// Paces one bol endpoint group by what bol said last (X-RateLimit-Remaining / -Reset, Retry-After): a call is
/// sent only when the group has room; if room comes within the short wait it waits, otherwise it gives up with
/// RetryLater so the hub's dispatcher decides when to come back.
/// </summary>
internal sealed class BolRequestGate(TimeProvider time, TimeSpan maxWait)
{
    private readonly Lock _gate = new();
    private int? _remaining;
    private DateTimeOffset _resetAt;
    private DateTimeOffset _blockedUntil;

    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_remaining is not null && _resetAt <= now) _remaining = null;
            var until = _blockedUntil;
            if (_remaining is <= 0 && _resetAt > until) until = _resetAt;
            wait = until - now;
            if (wait <= TimeSpan.Zero)
            {
                if (_remaining is not null) _remaining--;
                return;
            }
        }
        if (wait > maxWait) throw new BolUnavailableException("bol rate limit reached", wait, throttled: true);
        await Task.Delay(wait, time, cancellationToken);
        lock (_gate)
        {
            if (_remaining is not null) _remaining = Math.Max(0, _remaining.Value - 1);
        }
    }

    public void Observe(HttpResponseMessage response)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (Header(response, "X-RateLimit-Remaining") is { } remaining) _remaining = remaining;
            if (Header(response, "X-RateLimit-Reset") is { } reset) _resetAt = now.AddSeconds(reset);
            if ((int)response.StatusCode == 429) _blockedUntil = now + RetryAfter(response);
        }
    }

    public static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null)
        ?? TimeSpan.FromSeconds(1);

    private static int? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
