using Microsoft.Extensions.Time.Testing;
using Overal.Core.Sync;

namespace Overal.Hub.Tests.Sync;

/// <summary>What the Channels page shows of a channel's health: the circuit, rate-limit waits and recent errors.</summary>
public sealed class ChannelHealthTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly SyncOptions _options = new() { CircuitFailureThreshold = 3, CircuitOpenSeconds = 15 };

    [Fact]
    public void Recent_errors_keep_the_last_ten_newest_first()
    {
        var health = new ChannelHealth("bol");
        for (var i = 1; i <= 12; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            health.Failed(_clock.GetUtcNow(), 1, $"503 number {i}", _options);
        }

        var errors = health.Snapshot().RecentErrors;

        Assert.Equal(ChannelHealth.RecentErrorsKept, errors.Count);
        Assert.Equal("503 number 12", errors[0].Message);
        Assert.Equal(_clock.GetUtcNow(), errors[0].At);
        Assert.Equal("503 number 3", errors[^1].Message);
    }

    [Fact]
    public void Failures_open_the_circuit_at_the_threshold_and_a_success_closes_it_but_keeps_the_errors()
    {
        var health = new ChannelHealth("amazon");
        Assert.False(health.Failed(_clock.GetUtcNow(), 1, "timeout", _options));
        Assert.False(health.Failed(_clock.GetUtcNow(), 1, "timeout", _options));
        Assert.Equal(CircuitState.Closed, health.Snapshot().Circuit);
        Assert.Equal(2, health.Snapshot().ConsecutiveFailures);

        Assert.True(health.Failed(_clock.GetUtcNow(), 1, "timeout", _options));
        var open = health.Snapshot();
        Assert.Equal(CircuitState.Open, open.Circuit);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(15), open.CircuitOpenUntil);

        health.Succeeded(_clock.GetUtcNow(), 1, 10, 0);
        var closed = health.Snapshot();
        Assert.Equal(CircuitState.Closed, closed.Circuit);
        Assert.Equal(0, closed.ConsecutiveFailures);
        Assert.Equal(3, closed.RecentErrors.Count);
    }

    [Fact]
    public void A_rate_limit_wait_is_counted_and_pauses_the_channel_without_counting_as_a_failure()
    {
        var health = new ChannelHealth("zalando");
        health.Throttled(2);
        health.PauseUntil(_clock.GetUtcNow().AddSeconds(30));

        var snapshot = health.Snapshot();
        Assert.Equal(1, snapshot.Throttles);
        Assert.Equal(2, snapshot.Calls);
        Assert.Equal(0, snapshot.ConsecutiveFailures);
        Assert.Empty(snapshot.RecentErrors);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), snapshot.PausedUntil);
        Assert.False(health.MayPush(_clock.GetUtcNow().AddSeconds(29)));
        Assert.True(health.MayPush(_clock.GetUtcNow().AddSeconds(30)));
    }
}
