using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Channels.Meta;
using Overal.Channels.Tests.Support;
using Overal.Simulators;
using Overal.Simulators.Meta;

namespace Overal.Channels.Tests.Meta;

/// <summary>
/// The adapter paces itself to Meta's 100 items_batch calls per hour per catalog. Adapter and simulator share a fake
/// clock at the real limit; the test plays dispatcher, keeps the latest desired value per SKU and honours RetryAfter.
/// </summary>
public sealed class MetaCallBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_quiet_catalog_pushes_the_first_change_at_once()
    {
        await using var fixture = new FakeClockFixture(10);
        await fixture.InitializeAsync();
        var item = fixture.Items[0];

        var result = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 4, null)], Ct);

        Assert.Equal(ItemOutcome.Confirmed, result.Items.Single().Outcome);
        Assert.Equal(4, fixture.Simulator.Quantities()[item.Sku]);
    }

    [Fact]
    public async Task Ten_thousand_changes_at_once_go_out_in_four_calls_from_the_burst_reserve()
    {
        await using var fixture = new FakeClockFixture(10_000);
        await fixture.InitializeAsync();
        var desired = fixture.Items.Select((i, n) => new StockUpdate(i.Sku, i.Ean, n % 7, null)).ToList();

        var results = new List<PushResult>();
        foreach (var batch in desired.Chunk(fixture.Adapter.MaxBatchSize))
        {
            results.Add(await fixture.Adapter.PushStockAsync(batch, Ct));
        }

        Assert.All(results.SelectMany(r => r.Items), r => Assert.Equal(ItemOutcome.Confirmed, r.Outcome));
        Assert.Equal(4, fixture.MetaSimulator.BatchCalls(fixture.CatalogId));
        var shown = fixture.Simulator.Quantities();
        Assert.All(desired, u => Assert.Equal(u.Quantity, shown[u.Sku]));
    }

    [Fact]
    public async Task A_burst_of_ten_thousand_changes_stays_within_the_call_budget_and_converges()
    {
        await using var fixture = new FakeClockFixture(2000);
        await fixture.InitializeAsync();
        var clock = fixture.Clock;
        var random = new Random(20261123);
        var desired = new Dictionary<string, StockUpdate>();
        var dirty = new HashSet<string>();
        var nextAttempt = clock.GetUtcNow();
        var pushes = 0;
        var largestBatch = 0;

        // 10,000 changes over 2,000 SKUs: 20 changes every 5 s for about 42 minutes, then let the dispatcher drain.
        for (var wave = 0; wave < 500 || dirty.Count > 0; wave++)
        {
            if (wave < 500)
            {
                for (var i = 0; i < 20; i++)
                {
                    var item = fixture.Items[random.Next(fixture.Items.Count)];
                    desired[item.Sku] = new StockUpdate(item.Sku, item.Ean, random.Next(0, 40), null);
                    dirty.Add(item.Sku);
                }
            }
            if (clock.GetUtcNow() >= nextAttempt && dirty.Count > 0)
            {
                var batch = dirty.Take(fixture.Adapter.MaxBatchSize).Select(s => desired[s]).ToList();
                var result = await fixture.Adapter.PushStockAsync(batch, Ct);
                pushes++;
                Assert.DoesNotContain(result.Items, r => r.Outcome == ItemOutcome.Rejected);
                foreach (var r in result.Items.Where(r => r.Outcome == ItemOutcome.Confirmed && desired[r.Sku].Quantity == r.ConfirmedQuantity))
                {
                    dirty.Remove(r.Sku);
                }
                if (result.Items.Any(r => r.Outcome == ItemOutcome.Confirmed)) largestBatch = Math.Max(largestBatch, batch.Count);
                if (result.RetryAfter is { } wait) nextAttempt = clock.GetUtcNow() + wait;
            }
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        var sim = fixture.MetaSimulator;
        var catalog = fixture.CatalogId;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"pushes {pushes}, items_batch calls {sim.BatchCalls(catalog)}, most in one hour {sim.MaxBatchCallsInAnyWindow(catalog)}, " +
            $"largest batch {largestBatch}, virtual time {clock.GetUtcNow() - new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)}");
        Assert.Equal(0, sim.RateLimitedCalls);
        Assert.InRange(sim.MaxBatchCallsInAnyWindow(catalog), 1, 100);
        Assert.True(sim.BatchCalls(catalog) < pushes, "some pushes should have been held back by the budget");
        Assert.True(largestBatch > 20, $"batches should grow under load, largest was {largestBatch}");
        var shown = fixture.Simulator.Quantities();
        Assert.All(desired.Values, u => Assert.Equal(u.Quantity, shown[u.Sku]));
    }

    [Fact]
    public async Task An_80014_from_meta_means_retry_later_and_the_budget_stays_closed_for_the_time_meta_names()
    {
        await using var fixture = new FakeClockFixture(10);
        await fixture.InitializeAsync();
        var item = fixture.Items[0];
        // Someone else (another app on the same catalog) has spent the hour's calls.
        await using (var other = await OtherClientAsync(fixture))
        {
            for (var i = 0; i < 100; i++) await other.PushAsync(item.Sku, i);
        }
        var callsBefore = fixture.MetaSimulator.BatchCalls(fixture.CatalogId);

        var refused = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 3, null)], Ct);
        var held = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 3, null)], Ct);

        Assert.Equal(ItemOutcome.RetryLater, refused.Items.Single().Outcome);
        Assert.Contains("80014", refused.Items.Single().Error);
        Assert.True(refused.RetryAfter >= TimeSpan.FromMinutes(1));
        Assert.Equal(ItemOutcome.RetryLater, held.Items.Single().Outcome);
        Assert.Equal(0, held.ChannelCalls);
        Assert.Equal(1, fixture.MetaSimulator.RateLimitedCalls);
        Assert.Equal(callsBefore, fixture.MetaSimulator.BatchCalls(fixture.CatalogId));
    }

    [Fact]
    public async Task Prices_go_out_in_metas_amount_and_currency_form()
    {
        await using var fixture = new FakeClockFixture(10);
        await fixture.InitializeAsync();
        var item = fixture.Items[1];

        var result = await fixture.Adapter.PushPricesAsync([new PriceUpdate(item.Sku, item.Ean, 12.5m, "EUR")], Ct);

        Assert.Equal(ItemOutcome.Confirmed, result.Items.Single().Outcome);
        Assert.Equal("12.50 EUR", fixture.MetaSimulator.PriceOf(fixture.CatalogId, item.Sku));
    }

    [Fact]
    public async Task Instagram_and_facebook_are_separate_catalogs_with_separate_budgets()
    {
        await using var fixture = new FakeClockFixture(10);
        await fixture.InitializeAsync();
        var facebook = fixture.Services.GetServices<IChannelAdapter>().Single(a => a.ChannelId == "facebook");
        var item = fixture.Items[2];
        for (var i = 0; i < 10; i++) await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, i, null)], Ct);

        var instagramHeld = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 31, null)], Ct);
        var facebookOk = await facebook.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 32, null)], Ct);

        Assert.Equal(ItemOutcome.RetryLater, instagramHeld.Items.Single().Outcome);
        Assert.InRange(instagramHeld.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(40));
        Assert.Equal(ItemOutcome.Confirmed, facebookOk.Items.Single().Outcome);
        Assert.Equal(9, fixture.Simulator.Quantities()[item.Sku]);
        Assert.Equal(32, fixture.MetaSimulator.Catalog("facebook").Quantities()[item.Sku]);
    }

    private static async Task<OtherClient> OtherClientAsync(FakeClockFixture fixture)
    {
        await Task.CompletedTask;
        var http = new HttpClient { BaseAddress = fixture.Server.BaseFor("meta") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.MetaSimulator.Options.AccessToken);
        return new OtherClient(http, fixture.CatalogId);
    }

    private sealed class OtherClient(HttpClient http, string catalog) : IAsyncDisposable
    {
        public async Task PushAsync(string sku, int inventory)
        {
            var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, $"v24.0/{catalog}/items_batch",
                new { item_type = "PRODUCT_ITEM", requests = new[] { new { method = "UPDATE", data = new { id = sku, inventory } } } }, Ct);
            response.EnsureSuccessStatusCode();
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FakeClockFixture(int items) : InstagramAdapterFixture
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

        public override IReadOnlyList<SimulatedItem> Items { get; } =
            [.. Enumerable.Range(1, items).Select(i => new SimulatedItem($"M-{i:D5}", TestEans.For(20_000 + i), "Trui", 59.95m, 1))];

        protected override void ConfigureSimulators(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<Microsoft.Extensions.Logging.LoggerFilterOptions>(o => o.MinLevel = Microsoft.Extensions.Logging.LogLevel.Warning);
            services.Configure<MetaSimulatorOptions>(o => o.ProcessingDelay = TimeSpan.Zero);
        }

        protected override void ConfigureAdapter(MetaCatalogOptions options) => options.MaxThrottleWait = TimeSpan.Zero;
    }
}
