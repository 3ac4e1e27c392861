using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Tests.Amazon;

/// <summary>
/// Cancelling on Amazon is a POST_ORDER_ACKNOWLEDGEMENT_DATA feed (StatusCode Failure, CancelReason), which the
/// simulator validates against Amazon's release_4_1 XSDs before it cancels anything. On the simulator's fake clock.
/// </summary>
public sealed class AmazonCancellationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AmazonAdapterFixture _f;

    public AmazonCancellationTests() => _f = new AmazonAdapterFixture { Clock = _clock };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _f.InitializeAsync();

    public ValueTask DisposeAsync() => _f.DisposeAsync();

    private async Task<ChannelOrder> OrderAsync(params string[] skus)
    {
        var id = await _f.PlaceOrderAsync(skus, Ct);
        return (await _f.Adapter.FetchOrdersAsync(new ChannelOrderCursor(_clock.GetUtcNow().AddMinutes(-5), null), Ct)).Orders.Single(o => o.ExternalId == id);
    }

    /// <summary>Asks until the feed is processed, moving the simulator's clock on by its processing time once.</summary>
    private async Task<(ChannelActionResult First, ChannelActionResult Last)> CancelAsync(OrderCancellation cancellation)
    {
        var first = await _f.Adapter.CancelOrderLinesAsync(cancellation, Ct);
        var again = await _f.Adapter.CancelOrderLinesAsync(cancellation, Ct);
        Assert.Equal((false, true), (again.Succeeded, again.Retryable));
        _clock.Advance(_f.Sim.Options.FeedProcessingDelay);
        return (first, await _f.Adapter.CancelOrderLinesAsync(cancellation, Ct));
    }

    [Fact]
    public async Task A_cancellation_is_an_acknowledgement_feed_valid_against_the_xsd_that_cancels_the_order()
    {
        Specs.SpecsRequirement.Folder();
        Assert.True(_f.Adapter.Capabilities.HasFlag(ChannelCapabilities.CancelOrder));
        var order = await OrderAsync(_f.Items[0].Sku, _f.Items[1].Sku);

        var (first, last) = await CancelAsync(new OrderCancellation(order.ExternalId, [.. order.Lines.Select(l => new ShipmentLine(l.ExternalLineId, l.Quantity))], "requested_by_customer"));

        // Submitted: the hub is asked to come back (a wait, not a failed attempt) while Amazon processes the feed.
        Assert.Equal((false, true), (first.Succeeded, first.Retryable));
        Assert.NotNull(first.RetryAfter);
        Assert.True(last.Succeeded, last.Error);
        Assert.Equal("Canceled", _f.Sim.OrderState(order.ExternalId)!.Value.Status);
        Assert.Empty(_f.Sim.Validator.Recorded);
    }

    [Fact]
    public async Task Cancelling_one_line_of_two_cancels_only_that_item()
    {
        var order = await OrderAsync(_f.Items[0].Sku, _f.Items[2].Sku);
        var line = order.Lines[1];

        var (_, last) = await CancelAsync(new OrderCancellation(order.ExternalId, [new ShipmentLine(line.ExternalLineId, 1)], "out_of_stock"));

        Assert.True(last.Succeeded, last.Error);
        Assert.Equal("Unshipped", _f.Sim.OrderState(order.ExternalId)!.Value.Status);
        var cancelled = _f.Sim.CancelledUnits(order.ExternalId);
        Assert.Equal(1, cancelled[line.ExternalLineId]);
        Assert.Equal(0, cancelled[order.Lines[0].ExternalLineId]);
    }

    [Fact]
    public async Task A_cancellation_amazon_refuses_is_reported_as_not_retryable_with_its_reason()
    {
        var order = await OrderAsync(_f.Items[0].Sku);

        var (_, last) = await CancelAsync(new OrderCancellation(order.ExternalId, [new ShipmentLine("99999999999999", 1)], "out_of_stock"));

        Assert.Equal((false, false), (last.Succeeded, last.Retryable));
        Assert.Contains("99999999999999", last.Error, StringComparison.Ordinal);
        Assert.Equal("Unshipped", _f.Sim.OrderState(order.ExternalId)!.Value.Status);
    }

    [Theory]
    [InlineData("out_of_stock", "NoInventory")]
    [InlineData("requested_by_customer", "BuyerCanceled")]
    [InlineData("not_available_in_time", "NoInventory")]
    [InlineData("technical_issue", "GeneralAdjustment")]
    public void The_hubs_reasons_map_to_the_xsds_cancel_reasons(string hub, string amazon) =>
        Assert.Equal(amazon, Overal.Channels.Amazon.AmazonAdapter.CancelReason(hub));
}
