using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Amazon.Internal;

namespace Overal.Channels.Tests.Amazon;

/// <summary>The adapter's copy of an SP-API usage plan, on a fake clock.</summary>
public sealed class AmazonRateBucketTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Waiting_for_a_token_accrues_refill_so_a_long_run_is_paced_at_the_rate_and_never_gives_up()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var start = time.GetUtcNow();
        var bucket = new AmazonRateBucket(rate: 5, burst: 10, time);

        // 60 calls as a reconciliation sends them: take a token, send, observe the response (x-amzn-RateLimit-Limit: 5).
        for (var call = 0; call < 60; call++)
        {
            var acquired = bucket.AcquireAsync(TimeSpan.FromSeconds(2), Ct);
            while (!acquired.IsCompleted) time.Advance(TimeSpan.FromMilliseconds(10));
            await acquired;
            bucket.Observe("5", throttled: false);
        }

        // The burst of 10 goes at once, the other 50 at 5 per second: 10 s, not a growing debt that ends in "used up".
        Assert.Equal(10, (time.GetUtcNow() - start).TotalSeconds, 0.1);
    }

    [Fact]
    public async Task A_429_empties_the_bucket_so_the_next_call_waits_a_full_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var bucket = new AmazonRateBucket(rate: 5, burst: 10, time);
        await bucket.AcquireAsync(TimeSpan.FromSeconds(2), Ct);
        bucket.Observe("5", throttled: true);

        var next = bucket.AcquireAsync(TimeSpan.FromSeconds(2), Ct);
        time.Advance(TimeSpan.FromMilliseconds(190));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(20));
        await next;
    }
}
