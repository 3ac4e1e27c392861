using Overal.Channels.Abstractions;

namespace Overal.Channels.Tests.B2B;

public sealed class B2bAdapterTests(B2bAdapterFixture fixture) : IClassFixture<B2bAdapterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_published_price_lists_the_sku_so_its_availability_is_then_accepted()
    {
        var before = await fixture.Adapter.PushStockAsync([new StockUpdate("B2B-NEW", "8712345678906", 12, null)], Ct);
        var price = await fixture.Adapter.PushPricesAsync([new PriceUpdate("B2B-NEW", "8712345678906", 18.75m, "eur")], Ct);
        var after = await fixture.Adapter.PushStockAsync([new StockUpdate("B2B-NEW", "8712345678906", 12, null)], Ct);

        Assert.Equal(ItemOutcome.Rejected, before.Items.Single().Outcome);
        Assert.Equal(ItemOutcome.Confirmed, price.Items.Single().Outcome);
        Assert.Equal(ItemOutcome.Confirmed, after.Items.Single().Outcome);
        var entry = fixture.Store.Find("B2B-NEW")!;
        Assert.Equal((18.75m, "EUR", 12), (entry.Price!.Value, entry.Currency, entry.Available!.Value));
        Assert.Contains(fixture.Store.Snapshot(), e => e.Sku == "B2B-NEW");
    }

    [Fact]
    public async Task A_negative_quantity_is_rejected_and_the_store_keeps_its_value()
    {
        var item = fixture.Items[3];
        var shownBefore = fixture.Store.Find(item.Sku)!.Available;

        var result = await fixture.Adapter.PushStockAsync([new StockUpdate(item.Sku, item.Ean, -2, null)], Ct);

        Assert.Equal(ItemOutcome.Rejected, result.Items.Single().Outcome);
        Assert.Equal(shownBefore, fixture.Store.Find(item.Sku)!.Available);
    }
}
