using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Simulators;

namespace Overal.Channels.Tests.Amazon;

/// <summary>
/// Large pushes go out as one JSON_LISTINGS_FEED that Amazon processes for minutes: the adapter hands it back as a
/// job and reports its outcome when asked, from the GZIP-compressed processing report. On the simulator's fake clock.
/// </summary>
public sealed class AmazonFeedJobTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AmazonAdapterFixture _f;

    public AmazonFeedJobTests() => _f = new AmazonAdapterFixture { Clock = _clock };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _f.InitializeAsync();

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private List<SimulatedItem> SeedMany(int count)
    {
        var items = Enumerable.Range(1, count).Select(i => new SimulatedItem($"AMZ-SOCK-{i:000}", $"87123452{i:00000}", $"Sock {i}", 4.95m, 1)).ToList();
        _f.Sim.Seed(items);
        return items;
    }

    [Fact]
    public async Task Above_the_threshold_a_push_is_one_listings_feed_job_confirmed_from_its_gzip_report_minutes_later()
    {
        Assert.True(_f.Sim.Options.CompressReports);
        Assert.True(_f.Sim.Options.FeedProcessingDelay >= TimeSpan.FromMinutes(1));
        var items = SeedMany(30);

        var pushed = await _f.Adapter.PushStockAsync(items.Select((i, n) => new StockUpdate(i.Sku, i.Ean, 100 + n, null)).ToList(), Ct);

        // Submitted, not waited for: every SKU is in flight in one job, in the order sent.
        Assert.Empty(pushed.Items);
        var job = Assert.IsType<PushJob>(pushed.Job);
        Assert.Equal(items.Select(i => i.Sku), job.Skus);
        Assert.True(pushed.ChannelCalls <= 4, $"{pushed.ChannelCalls} calls to submit 30 items");
        var tracker = Assert.IsAssignableFrom<IPushJobTracker>(_f.Adapter);
        Assert.Null((await tracker.CheckPushJobAsync(job, Ct)).Result);
        Assert.Equal(1, _f.Sim.Quantities()[items[0].Sku]);

        _clock.Advance(_f.Sim.Options.FeedProcessingDelay);
        var done = (await tracker.CheckPushJobAsync(job, Ct)).Result;

        Assert.NotNull(done);
        Assert.All(done.Items, r => Assert.Equal(ItemOutcome.Confirmed, r.Outcome));
        Assert.Equal(items.Select(i => i.Sku), done.Items.Select(r => r.Sku));
        var shown = _f.Sim.Quantities();
        for (var n = 0; n < items.Count; n++) Assert.Equal(100 + n, shown[items[n].Sku]);
    }

    [Fact]
    public async Task A_feed_message_with_an_error_is_rejected_and_the_others_confirmed()
    {
        var items = SeedMany(25);
        var updates = items.Select(i => new StockUpdate(i.Sku, i.Ean, 3, null)).Append(new StockUpdate("AMZ-GHOST", "0000000000000", 3, null)).ToList();

        var job = (await _f.Adapter.PushStockAsync(updates, Ct)).Job!;
        _clock.Advance(_f.Sim.Options.FeedProcessingDelay);
        var result = (await _f.Amazon.CheckPushJobAsync(job, Ct)).Result!;

        Assert.Equal(ItemOutcome.Rejected, result.Items.Single(r => r.Sku == "AMZ-GHOST").Outcome);
        Assert.Equal(25, result.Items.Count(r => r.Outcome == ItemOutcome.Confirmed));
    }

    [Fact]
    public async Task Every_feed_request_is_valid_against_the_feeds_api_model()
    {
        Specs.SpecsRequirement.Folder();
        var items = SeedMany(21);
        var job = (await _f.Adapter.PushStockAsync(items.Select(i => new StockUpdate(i.Sku, i.Ean, 2, null)).ToList(), Ct)).Job!;
        _clock.Advance(_f.Sim.Options.FeedProcessingDelay);
        Assert.NotNull((await _f.Amazon.CheckPushJobAsync(job, Ct)).Result);

        Assert.Empty(_f.Sim.Validator.Recorded);
    }
}
