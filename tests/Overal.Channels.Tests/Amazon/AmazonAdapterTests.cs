using Overal.Channels.Abstractions;
using Overal.Channels.Tests.Specs;
using Overal.Simulators;
using Overal.Simulators.Control;

namespace Overal.Channels.Tests.Amazon;

/// <summary>Amazon-specific behaviour of the adapter, each test against its own fresh simulator.</summary>
public sealed class AmazonAdapterTests : IAsyncLifetime
{
    private readonly AmazonAdapterFixture _f = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _f.InitializeAsync();

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private StockUpdate Stock(int index, int quantity) => new(_f.Items[index].Sku, _f.Items[index].Ean, quantity, null);

    private List<SimulatedItem> SeedMany(int count)
    {
        var items = Enumerable.Range(1, count).Select(i => new SimulatedItem($"AMZ-SOCK-{i:000}", $"87123452{i:00000}", $"Sock {i}", 4.95m, 1)).ToList();
        _f.Sim.Seed(items);
        return items;
    }

    [Fact]
    public async Task Many_pushes_use_one_access_token()
    {
        for (var i = 0; i < 12; i++)
        {
            var result = await _f.Adapter.PushStockAsync([Stock(i % 3, i)], Ct);
            Assert.True(result.Items.Single().Outcome == ItemOutcome.Confirmed, result.Items.Single().Error);
        }
        Assert.Equal(1, _f.Sim.TokenRequestCount);
        Assert.Equal(1, _f.Amazon.TokenRequests);
    }

    [Fact]
    public async Task Prices_are_patched_as_purchasable_offer()
    {
        var result = await _f.Adapter.PushPricesAsync([new PriceUpdate(_f.Items[0].Sku, _f.Items[0].Ean, 39.99m, "EUR")], Ct);

        Assert.Equal(ItemOutcome.Confirmed, result.Items.Single().Outcome);
        Assert.Equal(39.99m, _f.Sim.PriceOf(_f.Items[0].Sku));
    }

    [Fact]
    public async Task A_429_storm_means_retry_later_and_then_converges()
    {
        _f.Sim.Faults.Apply(new FaultSettings { ThrottleNextCalls = 3 });
        var attempts = 0;
        PushResult result;
        do
        {
            attempts++;
            result = await _f.Adapter.PushStockAsync([Stock(1, 8)], Ct);
            if (result.Items.Single().Outcome == ItemOutcome.RetryLater) Assert.NotNull(result.RetryAfter);
        }
        while (result.Items.Single().Outcome != ItemOutcome.Confirmed && attempts < 10);

        Assert.Equal(ItemOutcome.Confirmed, result.Items.Single().Outcome);
        Assert.Equal(4, attempts);
        Assert.Equal(8, _f.Sim.Quantities()[_f.Items[1].Sku]);
    }

    [Fact]
    public async Task A_read_back_that_amazon_throttles_waits_and_still_reads_every_sku()
    {
        var skus = _f.Items.Select(i => i.Sku).ToList();
        _f.Sim.Faults.Apply(new FaultSettings { ThrottleNextCalls = 3 });

        var readings = await _f.Adapter.ReadStockAsync(skus, Ct);

        Assert.Equal(skus.Order(), readings.Select(r => r.Sku).Order());
        Assert.All(readings, r => Assert.Equal(_f.Sim.Quantities()[r.Sku], r.Quantity));
    }

    [Fact]
    public async Task An_empty_bucket_beyond_the_short_wait_is_retry_later_without_a_call()
    {
        // The adapter's clock stands still, so its patchListingsItem bucket (burst 10) never refills during the test.
        var adapter = _f.CreateAdapter(o => o.MaxThrottleWait = TimeSpan.FromMilliseconds(100), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var results = new List<PushResult>();
        for (var i = 0; i < 12; i++) results.Add(await adapter.PushStockAsync([Stock(2, i)], Ct));

        Assert.All(results.Take(10), r => Assert.Equal(ItemOutcome.Confirmed, r.Items.Single().Outcome));
        Assert.All(results.Skip(10), r =>
        {
            Assert.Equal(ItemOutcome.RetryLater, r.Items.Single().Outcome);
            Assert.Equal(0, r.ChannelCalls);
            Assert.Equal(TimeSpan.FromSeconds(0.2), r.RetryAfter);
        });
        Assert.Equal(9, _f.Sim.Quantities()[_f.Items[2].Sku]);
    }

    [Fact]
    public async Task Orders_are_imported_once_across_repeated_polls()
    {
        var first = await _f.PlaceOrderAsync([_f.Items[0].Sku], Ct);
        var seen = new List<string>();
        var cursor = new ChannelOrderCursor(DateTimeOffset.UtcNow.AddMinutes(-5), null);
        for (var poll = 0; poll < 4; poll++)
        {
            if (poll == 2) await _f.PlaceOrderAsync([_f.Items[1].Sku], Ct);
            var page = await _f.Adapter.FetchOrdersAsync(cursor, Ct);
            seen.AddRange(page.Orders.Select(o => o.ExternalId));
            cursor = page.Next;
        }

        Assert.Equal(2, seen.Count);
        Assert.Equal(first, seen[0]);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
    }

    [Fact]
    public async Task Every_request_the_adapter_sends_is_valid_against_the_official_spec()
    {
        SpecsRequirement.Folder();
        Assert.True(_f.Sim.Validator.Enabled);
        var many = SeedMany(22);

        await _f.Adapter.PushStockAsync(_f.Items.Select(i => new StockUpdate(i.Sku, i.Ean, 4, null)).ToList(), Ct);
        await _f.Adapter.PushStockAsync(many.Select(i => new StockUpdate(i.Sku, i.Ean, 4, null)).ToList(), Ct);
        await _f.Adapter.PushPricesAsync(_f.Items.Select(i => new PriceUpdate(i.Sku, i.Ean, 45m, "EUR")).ToList(), Ct);
        await _f.Adapter.ReadStockAsync(_f.Items.Select(i => i.Sku).ToList(), Ct);
        var orderId = await _f.PlaceOrderAsync([_f.Items[0].Sku, _f.Items[1].Sku], Ct);
        var order = (await _f.Adapter.FetchOrdersAsync(null, Ct)).Orders.Single(o => o.ExternalId == orderId);
        var shipped = await _f.Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(orderId,
            [.. order.Lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))], "PostNL", "3SXYZ", null, DateTimeOffset.UtcNow), Ct);

        Assert.True(shipped.Succeeded, shipped.Error);
        Assert.Equal("Shipped", _f.Sim.OrderState(orderId)!.Value.Status);
        Assert.Empty(_f.Sim.Validator.Recorded);
    }
}
