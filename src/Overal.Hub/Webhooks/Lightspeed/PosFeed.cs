using System.Globalization;
using Overal.Channels.Abstractions;
using Overal.Channels.Lightspeed;
using OrderIntake = Overal.Core.Orders.OrderIntake;
using Overal.Core.Errors;
using Overal.Core.Inventory;

namespace Overal.Hub.Webhooks.Lightspeed;

/// <summary>
/// Turns what the stores' tills report into hub records at the right store: a closed sale becomes a completed store
/// sale (its own delivery kind, numbered by its receipt) with its sale movements (returns when negative lines), a count becomes an absolute count. Every movement carries an idempotency key
/// derived from Lightspeed's own ids, so a webhook delivered twice, or a sale seen again by the safety-net poll,
/// changes nothing the second time.
/// </summary>
public sealed class PosFeed(StockLedger ledger, OrderIntake intake, LightspeedOutletMap outlets, ILogger<PosFeed> logger)
{
    /// <returns>How many lines were new (not replays).</returns>
    public async Task<int> RecordSaleAsync(PosSale sale, CancellationToken cancellationToken)
    {
        // Only a closed sale has moved goods over the counter; parked or voided ones have not.
        if (!string.Equals(sale.Status, "CLOSED", StringComparison.OrdinalIgnoreCase)) return 0;
        var location = Location(sale.OutletId);
        var lines = sale.Lines.Select((line, index) => (Line: line, Index: index)).ToList();
        foreach (var (line, index) in lines.Where(x => x.Line.Quantity == 0 || x.Line.Sku is null))
        {
            logger.LogWarning("Skipping line {Line} of Lightspeed sale {Sale}: no SKU or zero quantity", index, sale.SaleId);
        }

        // What was sold becomes a completed store order (queue and customer history complete), with its sale movements.
        var recorded = 0;
        var sold = lines.Where(x => x.Line.Quantity > 0 && x.Line.Sku is not null).ToList();
        if (sold.Count > 0)
        {
            var result = await intake.RecordPosSaleAsync(new Core.Orders.PosSale(sale.SaleId, location, sale.At, "EUR",
                [.. sold.Select(x => new ChannelOrderLine(x.Index.ToString(CultureInfo.InvariantCulture), x.Line.Sku, null, x.Line.Quantity, x.Line.UnitPriceInclTax, 0m))], ReceiptNumber: sale.ReceiptNumber),
                cancellationToken);
            if (result.Created) recorded += sold.Count;
        }
        // What came back over the counter is restocked at the store.
        foreach (var (line, index) in lines.Where(x => x.Line.Quantity < 0 && x.Line.Sku is not null))
        {
            var result = await ledger.RecordAsync(new RecordMovement(
                line.Sku!, location, MovementType.Return, -line.Quantity, Reason: "Store return", Source: "lightspeed", Reference: sale.SaleId,
                IdempotencyKey: $"lightspeed:sale:{sale.SaleId}:{index}", OccurredAt: sale.At), cancellationToken);
            if (!result.Replayed) recorded++;
        }
        return recorded;
    }

    public async Task<bool> RecordCountAsync(PosInventoryCount count, string deliveryKey, CancellationToken cancellationToken)
    {
        var result = await ledger.RecordAsync(new RecordMovement(
            count.Sku, Location(count.OutletId), MovementType.Count, Math.Max(0, count.Quantity),
            Reason: "Till count (Lightspeed inventory.update)", Source: "lightspeed", Reference: count.ProductId,
            IdempotencyKey: $"lightspeed:inventory:{deliveryKey}"), cancellationToken);
        return !result.Replayed;
    }

    private string Location(string outletId) =>
        outlets.LocationFor(outletId) ?? throw HubException.Invalid($"Lightspeed outlet '{outletId}' is not mapped to a store (Channels:Lightspeed:Outlets).");
}
