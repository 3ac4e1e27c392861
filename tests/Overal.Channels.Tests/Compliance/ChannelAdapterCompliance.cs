using Overal.Channels.Abstractions;

namespace Overal.Channels.Tests.Compliance;

/// <summary>
/// What every channel adapter must do against its simulator. Each adapter's test folder has one subclass
/// with its fixture; a capability the adapter does not declare is checked to throw NotSupportedException.
/// </summary>
public abstract class ChannelAdapterCompliance<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IChannelAdapterFixture
{
    protected TFixture Fixture { get; } = fixture;

    private IChannelAdapter Adapter => Fixture.Adapter;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private bool Can(ChannelCapabilities capability) => Adapter.Capabilities.HasFlag(capability);

    private void Healthy() => Fixture.Simulator.Faults.Apply(new());

    [Fact]
    public async Task Pushed_stock_is_what_the_channel_shows()
    {
        Healthy();
        if (!Can(ChannelCapabilities.PushStock))
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => Adapter.PushStockAsync([], Ct));
            return;
        }
        var items = Fixture.Items.Take(3).ToList();
        var updates = items.Select((i, n) => new StockUpdate(i.Sku, i.Ean, 7 + n, null)).ToList();

        var result = await Adapter.PushStockAsync(updates, Ct);

        Assert.All(result.Items, r => Assert.Equal(ItemOutcome.Confirmed, r.Outcome));
        Assert.Equal(updates.Select(u => u.Sku).Order(), result.Items.Select(r => r.Sku).Order());
        var shown = Fixture.Simulator.Quantities();
        foreach (var u in updates) Assert.Equal(u.Quantity, shown[u.Sku]);
        Assert.True(result.ChannelCalls >= 1);
    }

    [Fact]
    public async Task Read_back_reveals_drift_made_on_the_channel()
    {
        Healthy();
        if (!Can(ChannelCapabilities.ReadBackStock))
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => Adapter.ReadStockAsync([], Ct));
            return;
        }
        var item = Fixture.Items[0];
        Fixture.Simulator.Corrupt(item.Sku, 913);

        var readings = await Adapter.ReadStockAsync([item.Sku, Fixture.Items[1].Sku], Ct);

        Assert.Equal(913, readings.Single(r => r.Sku == item.Sku).Quantity);
        Assert.Contains(readings, r => r.Sku == Fixture.Items[1].Sku);
    }

    [Fact]
    public async Task A_throttled_channel_means_retry_later_not_rejection()
    {
        if (!Can(ChannelCapabilities.PushStock) || !Fixture.ChannelCanFail) return;
        var item = Fixture.Items[1];
        Fixture.Simulator.Faults.Apply(new() { ThrottleNextCalls = 1000 });
        try
        {
            var result = await Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 3, null)], Ct);
            Assert.All(result.Items, r => Assert.Equal(ItemOutcome.RetryLater, r.Outcome));
            Assert.NotNull(result.RetryAfter);
        }
        finally
        {
            Healthy();
        }
    }

    [Fact]
    public async Task An_outage_means_retry_later_and_recovery_confirms()
    {
        if (!Can(ChannelCapabilities.PushStock) || !Fixture.ChannelCanFail) return;
        var item = Fixture.Items[2];
        Fixture.Simulator.Faults.Apply(new() { OutageUntil = DateTimeOffset.UtcNow.AddHours(1) });
        var failed = await Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 4, null)], Ct);
        Assert.All(failed.Items, r => Assert.Equal(ItemOutcome.RetryLater, r.Outcome));

        Healthy();
        var recovered = await Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, 4, null)], Ct);
        Assert.All(recovered.Items, r => Assert.Equal(ItemOutcome.Confirmed, r.Outcome));
        Assert.Equal(4, Fixture.Simulator.Quantities()[item.Sku]);
    }

    [Fact]
    public async Task An_unknown_sku_is_rejected_and_the_rest_still_confirmed()
    {
        Healthy();
        if (!Can(ChannelCapabilities.PushStock)) return;
        var item = Fixture.Items[0];
        var result = await Adapter.PushStockAsync(
            [new StockUpdate("NO-SUCH-SKU", "0000000000000", 1, null), new StockUpdate(item.Sku, item.Ean, 5, null)], Ct);

        Assert.Equal(ItemOutcome.Rejected, result.Items.Single(r => r.Sku == "NO-SUCH-SKU").Outcome);
        Assert.Equal(ItemOutcome.Confirmed, result.Items.Single(r => r.Sku == item.Sku).Outcome);
        Assert.False(Fixture.Simulator.Quantities().ContainsKey("NO-SUCH-SKU"));
    }

    [Fact]
    public async Task Orders_placed_on_the_channel_are_imported_once_and_can_be_shipped()
    {
        Healthy();
        if (!Can(ChannelCapabilities.ImportOrders))
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => Adapter.FetchOrdersAsync(null, Ct));
            return;
        }
        var since = DateTimeOffset.UtcNow.AddMinutes(-5);
        var externalId = await Fixture.PlaceOrderAsync([Fixture.Items[0].Sku, Fixture.Items[1].Sku], Ct);

        var orders = new List<ChannelOrder>();
        var cursor = new ChannelOrderCursor(since, null);
        for (var page = 0; page < 20; page++)
        {
            var result = await Adapter.FetchOrdersAsync(cursor, Ct);
            orders.AddRange(result.Orders);
            cursor = result.Next;
            if (!result.HasMore) break;
        }

        var order = Assert.Single(orders, o => o.ExternalId == externalId);
        Assert.Equal(2, order.Lines.Count);
        Assert.All(order.Lines, l => Assert.True(l.Sku is not null || l.Ean is not null));

        if (Can(ChannelCapabilities.ConfirmShipment))
        {
            var shipped = await Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(
                externalId, [.. order.Lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))],
                "PostNL", "3SABCD1234567", "https://postnl.nl/tracktrace/?B=3SABCD1234567", DateTimeOffset.UtcNow), Ct);
            Assert.True(shipped.Succeeded, shipped.Error);
        }
    }
}
