using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Channels.Tests.Support;
using Overal.Channels.Zalando;
using Overal.Simulators;
using Overal.Simulators.Zalando;

namespace Overal.Channels.Tests.Zalando;

/// <summary>
/// The adapter keeps to both stock limits by itself. Adapter and simulator share a fake clock at the real limits
/// (60 requests and 2,000 updates per minute): the test plays dispatcher and moves the clock by each RetryAfter.
/// </summary>
public sealed class ZalandoLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RateWindowKind.Sliding)]
    [InlineData(RateWindowKind.Fixed)]
    public async Task Five_thousand_skus_on_two_sales_channels_converge_without_a_single_429(RateWindowKind windowKind)
    {
        await using var fixture = new FakeClockFixture(5000, windowKind);
        await fixture.InitializeAsync();
        var desired = fixture.Items.ToDictionary(i => i.Sku, i => new StockUpdate(i.Sku, i.Ean, (i.Ean[^4] - '0') * 3, null));
        var dirty = new HashSet<string>(desired.Keys);
        var started = fixture.Clock.GetUtcNow();
        var retries = 0;

        while (dirty.Count > 0)
        {
            var batch = dirty.Take(fixture.Adapter.MaxBatchSize).Select(s => desired[s]).ToList();
            var result = await fixture.Adapter.PushStockAsync(batch, Ct);
            Assert.DoesNotContain(result.Items, r => r.Outcome == ItemOutcome.Rejected);
            foreach (var confirmed in result.Items.Where(r => r.Outcome == ItemOutcome.Confirmed)) dirty.Remove(confirmed.Sku);
            if (result.RetryAfter is { } wait)
            {
                retries++;
                fixture.Clock.Advance(wait);
            }
        }

        var sim = fixture.ZalandoSimulator;
        Assert.Equal(0, sim.ThrottledByLimits);
        Assert.True(sim.LargestBatchSeen <= 1000, $"largest batch {sim.LargestBatchSeen}");
        Assert.Equal(10, sim.StockRequests);
        Assert.Equal(1, sim.TokenRequests);
        Assert.True(retries > 0, "the update limit should have made the adapter wait");
        // 10,000 updates at 2,000 per minute: the last batch goes out after four full windows.
        Assert.True(fixture.Clock.GetUtcNow() - started >= TimeSpan.FromMinutes(4));
        foreach (var channel in sim.Options.SalesChannels.Values)
        {
            Assert.All(desired.Values, u => Assert.Equal(u.Quantity, sim.Quantity(channel, u.Ean)));
        }
    }

    [Fact]
    public async Task The_request_limit_stops_the_sixty_first_call_in_a_minute_before_zalando_has_to()
    {
        await using var fixture = new FakeClockFixture(3);
        await fixture.InitializeAsync();
        var item = fixture.Items[0];
        for (var i = 0; i < 60; i++)
        {
            var ok = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, i, null)], Ct);
            Assert.Equal(ItemOutcome.Confirmed, ok.Items.Single().Outcome);
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var held = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 99, null)], Ct);

        Assert.Equal(ItemOutcome.RetryLater, held.Items.Single().Outcome);
        Assert.Equal(0, held.ChannelCalls);
        Assert.InRange(held.RetryAfter!.Value, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(31));
        Assert.Equal(0, fixture.ZalandoSimulator.ThrottledByLimits);
        fixture.Clock.Advance(held.RetryAfter.Value);
        var later = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 99, null)], Ct);
        Assert.Equal(ItemOutcome.Confirmed, later.Items.Single().Outcome);
    }

    [Fact]
    public async Task A_429_storm_from_zalando_means_retry_later_with_its_retry_after()
    {
        await using var fixture = new FakeClockFixture(3);
        await fixture.InitializeAsync();
        fixture.Simulator.Faults.Apply(new() { ThrottleNextCalls = 50 });
        var item = fixture.Items[0];

        var result = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 1, null)], Ct);

        Assert.Equal(ItemOutcome.RetryLater, result.Items.Single().Outcome);
        Assert.Equal(TimeSpan.FromSeconds(fixture.ZalandoSimulator.Options.FaultRetryAfterSeconds), result.RetryAfter);
    }

    private sealed class FakeClockFixture(int items, RateWindowKind windowKind = RateWindowKind.Sliding) : ZalandoAdapterFixture
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

        public override IReadOnlyList<SimulatedItem> Items { get; } =
            [.. Enumerable.Range(1, items).Select(i => new SimulatedItem($"ZL-{i:D5}", TestEans.For(10_000 + i), "Sok", 9.95m, 0))];

        protected override void ConfigureSimulators(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<ZalandoSimulatorOptions>(o => o.RateWindowKind = windowKind);
            services.Configure<Microsoft.Extensions.Logging.LoggerFilterOptions>(o => o.MinLevel = Microsoft.Extensions.Logging.LogLevel.Warning);
        }

        protected override void ConfigureAdapter(ZalandoOptions options) => options.MaxThrottleWait = TimeSpan.Zero;
    }
}
