using Overal.Channels.Abstractions;
using Overal.Channels.Tests.Specs;
using Overal.Simulators.Control;

namespace Overal.Channels.Tests.Bol;

/// <summary>bol-specific behaviour of the adapter, each test against its own fresh simulator.</summary>
public sealed class BolAdapterTests : IAsyncLifetime
{
    private readonly BolAdapterFixture _f = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _f.InitializeAsync();

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private StockUpdate Stock(int index, int quantity) => new(_f.Items[index].Sku, _f.Items[index].Ean, quantity, null);

    [Fact]
    public async Task Many_pushes_use_one_token()
    {
        for (var i = 0; i < 15; i++)
        {
            var result = await _f.Adapter.PushStockAsync([Stock(i % 3, i)], Ct);
            Assert.Equal(ItemOutcome.Confirmed, result.Items.Single().Outcome);
        }
        Assert.Equal(1, _f.Sim.TokenRequestCount);
        Assert.Equal(1, _f.Bol.TokenRequests);
    }

    [Fact]
    public async Task A_list_of_updates_is_sent_concurrently_and_confirmed_through_bulk_process_status()
    {
        var updates = _f.Items.Select((item, n) => new StockUpdate(item.Sku, item.Ean, 20 + n, null)).ToList();

        var result = await _f.Adapter.PushStockAsync(updates, Ct);

        Assert.All(result.Items, r => Assert.Equal(ItemOutcome.Confirmed, r.Outcome));
        var shown = _f.Sim.Quantities();
        foreach (var u in updates) Assert.Equal(u.Quantity, shown[u.Sku]);
        // token + export + its status + CSV + one PUT per offer + a handful of bulk polls, never one poll per offer per round.
        Assert.InRange(result.ChannelCalls, updates.Count + 2, updates.Count + 30);
    }

    [Fact]
    public async Task A_429_storm_means_retry_later_with_retry_after_and_then_converges()
    {
        await _f.Adapter.PushStockAsync([Stock(0, 1)], Ct); // warm caches so the storm hits the stock call itself
        _f.Sim.Faults.Apply(new FaultSettings { ThrottleNextCalls = 3 });
        var attempts = 0;
        PushResult result;
        do
        {
            attempts++;
            result = await _f.Adapter.PushStockAsync([Stock(0, 42)], Ct);
            if (result.Items.Single().Outcome == ItemOutcome.RetryLater)
            {
                Assert.True(result.RetryAfter >= TimeSpan.FromSeconds(1), $"RetryAfter was {result.RetryAfter}");
            }
        }
        while (result.Items.Single().Outcome != ItemOutcome.Confirmed && attempts < 10);

        Assert.Equal(ItemOutcome.Confirmed, result.Items.Single().Outcome);
        Assert.True(attempts > 1);
        Assert.Equal(42, _f.Sim.Quantities()[_f.Items[0].Sku]);
    }

    [Fact]
    public async Task A_process_status_failure_is_a_rejection()
    {
        await _f.Adapter.PushStockAsync([Stock(1, 3)], Ct); // the adapter now knows the offer id
        _f.Sim.Delist(_f.Items[1].Sku);

        var result = await _f.Adapter.PushStockAsync([Stock(1, 4)], Ct);

        var item = result.Items.Single();
        Assert.Equal(ItemOutcome.Rejected, item.Outcome);
        Assert.Contains("does not exist", item.Error);
    }

    [Fact]
    public async Task Amounts_above_999_are_clamped_and_noted()
    {
        var result = await _f.Adapter.PushStockAsync([Stock(2, 1500)], Ct);

        var item = result.Items.Single();
        Assert.Equal(ItemOutcome.Confirmed, item.Outcome);
        Assert.Equal(999, item.ConfirmedQuantity);
        Assert.Contains("999", item.Error);
        Assert.Equal(999, _f.Sim.Quantities()[_f.Items[2].Sku]);
    }

    [Fact]
    public async Task Prices_are_sent_as_a_quantity_one_bundle_price()
    {
        var result = await _f.Adapter.PushPricesAsync([new PriceUpdate(_f.Items[0].Sku, _f.Items[0].Ean, 17.5m, "EUR")], Ct);

        Assert.Equal(ItemOutcome.Confirmed, result.Items.Single().Outcome);
        Assert.Equal(17.5m, _f.Sim.PriceOf(_f.Items[0].Sku));
    }

    [Fact]
    public async Task Orders_are_imported_once_across_repeated_polls()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var first = await _f.PlaceOrderAsync([_f.Items[0].Sku], Ct);
        var seen = new List<string>();
        ChannelOrderCursor cursor = new(since, null);
        for (var poll = 0; poll < 4; poll++)
        {
            if (poll == 2) await _f.PlaceOrderAsync([_f.Items[1].Sku, _f.Items[2].Sku], Ct);
            var page = await _f.Adapter.FetchOrdersAsync(cursor, Ct);
            seen.AddRange(page.Orders.Select(o => o.ExternalId));
            cursor = page.Next;
        }

        Assert.Equal(2, seen.Count);
        Assert.Equal(first, seen[0]);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
    }

    [Fact]
    public async Task Cancellation_maps_the_hub_reason_to_bols_code()
    {
        var orderId = await _f.PlaceOrderAsync([_f.Items[3].Sku], Ct);
        var order = (await _f.Adapter.FetchOrdersAsync(new ChannelOrderCursor(DateTimeOffset.UtcNow.AddMinutes(-1), null), Ct))
            .Orders.Single(o => o.ExternalId == orderId);
        var line = order.Lines.Single();
        Assert.Equal(_f.Items[3].Sku, line.Sku);

        var result = await _f.Adapter.CancelOrderLinesAsync(new OrderCancellation(orderId, [new(line.ExternalLineId, 1)], "not_available_in_time"), Ct);

        Assert.True(result.Succeeded, result.Error);
        var state = _f.Sim.OrderItemState(line.ExternalLineId)!;
        Assert.Equal(1, state.Cancelled);
        Assert.Equal("NOT_AVAIL_IN_TIME", state.CancellationReason);
    }

    [Fact]
    public async Task Shipments_carry_the_transporter_code_and_track_and_trace()
    {
        var orderId = await _f.PlaceOrderAsync([_f.Items[0].Sku], Ct);
        var order = (await _f.Adapter.FetchOrdersAsync(new ChannelOrderCursor(DateTimeOffset.UtcNow.AddMinutes(-1), null), Ct))
            .Orders.Single(o => o.ExternalId == orderId);
        var line = order.Lines.Single();

        var result = await _f.Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(orderId, [new(line.ExternalLineId, 1)], "PostNL", "3SABC123", null, DateTimeOffset.UtcNow), Ct);

        Assert.True(result.Succeeded, result.Error);
        var state = _f.Sim.OrderItemState(line.ExternalLineId)!;
        Assert.Equal((1, "TNT", "3SABC123"), (state.Shipped, state.TransporterCode, state.TrackAndTrace));
    }

    [Fact]
    public async Task A_throttled_shipment_says_when_to_come_back_and_an_outage_does_not()
    {
        var orderId = await _f.PlaceOrderAsync([_f.Items[0].Sku], Ct);
        var line = (await _f.Adapter.FetchOrdersAsync(new ChannelOrderCursor(DateTimeOffset.UtcNow.AddMinutes(-1), null), Ct))
            .Orders.Single(o => o.ExternalId == orderId).Lines.Single();
        var shipment = new ShipmentConfirmation(orderId, [new(line.ExternalLineId, 1)], "PostNL", "3SABC124", null, DateTimeOffset.UtcNow);

        _f.Sim.Faults.Apply(new FaultSettings { ThrottleNextCalls = 1 });
        var throttled = await _f.Adapter.ConfirmShipmentAsync(shipment, Ct);
        _f.Sim.Faults.Apply(new FaultSettings { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(1) });
        var outage = await _f.Adapter.ConfirmShipmentAsync(shipment, Ct);

        // The hub gives a throttled action its attempt back and waits as asked; an outage spends an attempt.
        Assert.Equal((false, true), (throttled.Succeeded, throttled.Retryable));
        Assert.True(throttled.RetryAfter >= TimeSpan.FromSeconds(1), $"RetryAfter was {throttled.RetryAfter}");
        Assert.Equal((false, true, (TimeSpan?)null), (outage.Succeeded, outage.Retryable, outage.RetryAfter));
        Assert.Equal(0, _f.Sim.OrderItemState(line.ExternalLineId)!.Shipped);
    }

    [Fact]
    public async Task Every_request_the_adapter_sends_is_valid_against_the_official_spec()
    {
        SpecsRequirement.Folder();
        Assert.True(_f.Sim.Validator.Enabled);
        _f.Sim.Validator.ClearRecorded();

        await _f.Adapter.PushStockAsync(_f.Items.Select(i => new StockUpdate(i.Sku, i.Ean, 2000, null)).ToList(), Ct);
        await _f.Adapter.PushPricesAsync(_f.Items.Select(i => new PriceUpdate(i.Sku, i.Ean, 12.34m, "EUR")).ToList(), Ct);
        await _f.Adapter.ReadStockAsync(_f.Items.Select(i => i.Sku).ToList(), Ct);
        var orderId = await _f.PlaceOrderAsync([_f.Items[0].Sku, _f.Items[1].Sku], Ct);
        var order = (await _f.Adapter.FetchOrdersAsync(null, Ct)).Orders.Single(o => o.ExternalId == orderId);
        await _f.Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(orderId, [new(order.Lines[0].ExternalLineId, 1)], "DHL", "JVGL123", null, DateTimeOffset.UtcNow), Ct);
        var cancelled = await _f.Adapter.CancelOrderLinesAsync(new OrderCancellation(orderId, [new(order.Lines[1].ExternalLineId, 1)], "out_of_stock"), Ct);

        Assert.True(cancelled.Succeeded, cancelled.Error);
        Assert.Empty(_f.Sim.Validator.Recorded);
    }
}
