using Overal.Channels.Lightspeed;
using Overal.Core.Errors;
using Overal.Core.Inventory;

namespace Overal.Hub.Webhooks.Lightspeed;

/// <summary>
/// Turns what the stores' tills report into stock movements at the right store: a closed sale's lines become
/// sales (returns when negative), a count becomes an absolute count. Every movement carries an idempotency key
/// derived from Lightspeed's own ids, so a webhook delivered twice, or a sale seen again by the safety-net poll,
/// changes nothing the second time.
/// </summary>
public sealed class PosFeed(StockLedger ledger, LightspeedOutletMap outlets, ILogger<PosFeed> logger)
{
    /// <returns>How many movements were new (not replays).</returns>
    public async Task<int> RecordSaleAsync(PosSale sale, CancellationToken cancellationToken)
    {
        // Only a closed sale has moved goods over the counter; parked or voided ones have not.
        if (!string.Equals(sale.Status, "CLOSED", StringComparison.OrdinalIgnoreCase)) return 0;
        var location = Location(sale.OutletId);
        var recorded = 0;
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            var line = sale.Lines[i];
            if (line.Quantity == 0 || line.Sku is null)
            {
                logger.LogWarning("Skipping line {Line} of Lightspeed sale {Sale}: no SKU or zero quantity", i, sale.SaleId);
                continue;
            }
            var result = await ledger.RecordAsync(new RecordMovement(
                line.Sku, location, line.Quantity > 0 ? MovementType.Sale : MovementType.Return, Math.Abs(line.Quantity),
                Reason: line.Quantity > 0 ? "Store sale" : "Store return", Source: "lightspeed", Reference: sale.SaleId,
                IdempotencyKey: $"lightspeed:sale:{sale.SaleId}:{i}", OccurredAt: sale.At, ClampToOnHand: true), cancellationToken);
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
