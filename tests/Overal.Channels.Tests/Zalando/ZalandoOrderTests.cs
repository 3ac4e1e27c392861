using System.Net.Http.Json;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Tests.Zalando;

/// <summary>Order import claims with exported=true; shipping sets tracking first; cancellation marks lines canceled.</summary>
public sealed class ZalandoOrderTests(ZalandoAdapterFixture fixture) : IClassFixture<ZalandoAdapterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IChannelAdapter Adapter => fixture.Adapter;

    [Fact]
    public async Task An_order_is_imported_once_across_repeated_polls_and_claimed_on_zalando()
    {
        var orderId = await fixture.PlaceOrderAsync([fixture.Items[0].Sku, fixture.Items[1].Sku], Ct);
        var cursor = new ChannelOrderCursor(DateTimeOffset.UtcNow.AddMinutes(-5), null);
        var seen = new List<ChannelOrder>();

        for (var poll = 0; poll < 3; poll++)
        {
            var page = await Adapter.FetchOrdersAsync(cursor, Ct);
            seen.AddRange(page.Orders);
            cursor = page.Next;
        }

        var order = Assert.Single(seen, o => o.ExternalId == orderId);
        Assert.True(fixture.ZalandoSimulator.Order(orderId)!.Exported);
        Assert.Equal("zalando", order.ChannelId);
        Assert.Equal("paid", order.PaymentStatus);
        Assert.Equal(fixture.Items[0].Ean, order.Lines[0].Ean);
        Assert.Equal(fixture.Items[0].Price, order.Lines[0].UnitPriceInclVat);
        Assert.Equal("Amsterdam", order.Delivery.City);
    }

    [Fact]
    public async Task Unpaid_initial_orders_are_not_imported_yet()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseFor("zalando") };
        var response = await http.PostAsJsonAsync("_sim/orders", new { items = new[] { new { sku = fixture.Items[2].Sku, quantity = 1 } }, status = "initial" }, Ct);
        var orderId = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetString()!;

        var page = await Adapter.FetchOrdersAsync(new ChannelOrderCursor(DateTimeOffset.UtcNow, null), Ct);

        Assert.DoesNotContain(page.Orders, o => o.ExternalId == orderId);
        Assert.False(fixture.ZalandoSimulator.Order(orderId)!.Exported);
    }

    [Fact]
    public async Task Shipping_sets_the_tracking_number_then_ships_every_unit_and_fulfils_the_order()
    {
        var (orderId, order) = await PlaceAndImportAsync(quantity: 2);

        var result = await Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(orderId,
            [.. order.Lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))], "PostNL", "3STEST000111", null, DateTimeOffset.UtcNow), Ct);
        var again = await Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(orderId,
            [.. order.Lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))], "PostNL", "3STEST000111", null, DateTimeOffset.UtcNow), Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(again.Succeeded, again.Error);
        var state = fixture.ZalandoSimulator.Order(orderId)!;
        Assert.Equal("3STEST000111", state.TrackingNumber);
        Assert.Equal(["shipped", "shipped"], state.LineStatuses);
        Assert.Equal("fulfilled", state.Status);
    }

    [Fact]
    public async Task Cancelling_one_unit_cancels_one_line_and_leaves_the_rest_open()
    {
        var (orderId, order) = await PlaceAndImportAsync(quantity: 2);

        var result = await Adapter.CancelOrderLinesAsync(new OrderCancellation(orderId, [new ShipmentLine(order.Lines[0].ExternalLineId, 1)], "out_of_stock"), Ct);

        Assert.True(result.Succeeded, result.Error);
        var state = fixture.ZalandoSimulator.Order(orderId)!;
        Assert.Equal(["canceled", "initial"], state.LineStatuses);
        Assert.Equal("approved", state.Status);
    }

    [Fact]
    public async Task Shipping_more_units_than_are_open_fails_without_retry_and_changes_nothing()
    {
        var (orderId, order) = await PlaceAndImportAsync(quantity: 1);

        var result = await Adapter.ConfirmShipmentAsync(new ShipmentConfirmation(orderId,
            [new ShipmentLine(order.Lines[0].ExternalLineId, 3)], "PostNL", "3STEST000222", null, DateTimeOffset.UtcNow), Ct);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        var state = fixture.ZalandoSimulator.Order(orderId)!;
        Assert.Equal(["initial"], state.LineStatuses);
        Assert.Null(state.TrackingNumber);
    }

    [Fact]
    public async Task A_throttled_order_api_makes_shipment_retryable_after_zalandos_wait_and_an_outage_without_one()
    {
        var (orderId, order) = await PlaceAndImportAsync(quantity: 1);
        var shipment = new ShipmentConfirmation(orderId, [new ShipmentLine(order.Lines[0].ExternalLineId, 1)], "PostNL", "3STEST000333", null, DateTimeOffset.UtcNow);
        fixture.Simulator.Faults.Apply(new() { ThrottleNextCalls = 1 });
        try
        {
            var throttled = await Adapter.ConfirmShipmentAsync(shipment, Ct);
            fixture.Simulator.Faults.Apply(new() { ErrorRate = 1 });
            var failing = await Adapter.ConfirmShipmentAsync(shipment, Ct);

            // The hub waits as Zalando asked without spending an attempt on the throttle; the outage spends one.
            Assert.Equal((false, true), (throttled.Succeeded, throttled.Retryable));
            Assert.True(throttled.RetryAfter > TimeSpan.Zero, $"RetryAfter was {throttled.RetryAfter}");
            Assert.Equal((false, true, (TimeSpan?)null), (failing.Succeeded, failing.Retryable, failing.RetryAfter));
            Assert.Equal(["initial"], fixture.ZalandoSimulator.Order(orderId)!.LineStatuses);
        }
        finally
        {
            fixture.Simulator.Faults.Apply(new());
        }
    }

    private async Task<(string OrderId, ChannelOrder Order)> PlaceAndImportAsync(int quantity)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseFor("zalando") };
        var response = await http.PostAsJsonAsync("_sim/orders", new { items = new[] { new { sku = fixture.Items[3].Sku, quantity } } }, Ct);
        var orderId = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetString()!;
        var page = await Adapter.FetchOrdersAsync(null, Ct);
        var order = Assert.Single(page.Orders, o => o.ExternalId == orderId);
        Assert.Equal(quantity, order.Lines.Single().Quantity);
        return (orderId, order);
    }
}
