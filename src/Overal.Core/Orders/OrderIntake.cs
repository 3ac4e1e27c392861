using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Core.Orders;

/// <summary>
/// The one way orders enter the hub (webhooks, pollers, the API, the POS). An order is created at most once per
/// (channel, external id): the SKU locks serialise identical deliveries, and the unique index settles any race the
/// locks do not see; the loser gets the existing order.
/// </summary>
public sealed class OrderIntake(
    HubDbContext db, StockTransactions transactions, OrderAllocator allocator, StockLedger ledger, ChannelRuleBook channels,
    ChannelActionWakeup wakeup, IOptions<OrdersOptions> options, OrderMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// An order from a channel. A line whose SKU/EAN matches no hub variant, or an order in an unexpected currency, does
    /// not refuse the order — the channel has sold it already and would only retry: it is stored needing attention
    /// (<see cref="Order.Attention"/>), allocates nothing and waits for staff (<see cref="OrderAttentionResolver"/>).
    /// </summary>
    public Task<IngestResult> IngestAsync(ChannelOrder incoming, CancellationToken cancellationToken) =>
        IngestAsync(incoming, UnknownItems.StoreForStaff, cancellationToken);

    /// <param name="unknownItems">Refuse (400) for clients that can correct their request, e.g. the hub's own order API.</param>
    public async Task<IngestResult> IngestAsync(ChannelOrder incoming, UnknownItems unknownItems, CancellationToken cancellationToken)
    {
        await ValidateIdentityAsync(incoming, cancellationToken);
        if (unknownItems == UnknownItems.Refuse) await ValidateContentAsync(incoming, cancellationToken);
        if (await FindIdAsync(incoming.ChannelId, incoming.ExternalId, cancellationToken) is { } known) return new IngestResult(known, false);
        var matches = await MatchAsync(incoming.Lines, cancellationToken);
        if (unknownItems == UnknownItems.Refuse) ThrowIfUnmatched(incoming.Lines, matches);
        var unknownStore = await UnknownClickAndCollectStoreAsync(incoming.Delivery, cancellationToken);

        try
        {
            await using var uow = await transactions.BeginAsync(db, cancellationToken);
            await uow.LockSkusAsync(matches.OfType<string>(), cancellationToken);
            if (await FindIdAsync(incoming.ChannelId, incoming.ExternalId, cancellationToken) is { } raced) return new IngestResult(raced, false);

            var now = time.GetUtcNow();
            var cancelled = incoming.CancelledAtSource;
            var order = Map(incoming, matches, cancelled ? OrderStatus.Cancelled : OrderStatus.New, cancelled ? OrderLineStatus.Cancelled : OrderLineStatus.Open, now);
            var expected = options.Value.ExpectedCurrency(incoming.ChannelId);
            if (unknownStore is not null)
            {
                order.StoreLocationId = null;
                order.Attention |= OrderAttention.UnknownLocation;
            }
            if (!string.Equals(order.Currency, expected, StringComparison.OrdinalIgnoreCase)) order.Attention |= OrderAttention.UnexpectedCurrency;
            if (order.Lines.Any(l => l.Status == OrderLineStatus.Unmatched)) order.Attention |= OrderAttention.UnmatchedLines;
            if (order.Lines.Any(l => l.ReadProblem is not null)) order.Attention |= OrderAttention.UnreadableLines;
            // Cancelled on the channel before it reached us: kept for the record, nothing for staff to do.
            if (cancelled) order.Attention = OrderAttention.None;
            order.AttentionDetail = OrderAttentionReasons.Describe(order, expected);
            db.Set<Order>().Add(order);
            OrderJournal.Event(uow, order.Id, now, "created", $"Received from {incoming.ChannelId} as {incoming.ExternalId} with {order.Lines.Count} line(s).");
            if (incoming.Note is { Length: > 0 } note) OrderJournal.Event(uow, order.Id, now, "intake_note", OrderJournal.Truncate(note, 1000));
            if (unknownStore is not null && !cancelled) OrderJournal.Event(uow, order.Id, now, "unknown_location", unknownStore);
            if (cancelled) OrderJournal.Event(uow, order.Id, now, "cancelled", $"{incoming.ChannelId} reported the order cancelled already; nothing was allocated.");
            if (order.AttentionDetail is { } why) OrderJournal.Event(uow, order.Id, now, "needs_attention", OrderJournal.Truncate(why, 1000));
            await db.SaveChangesAsync(cancellationToken);
            if (options.Value.Sourcing.AllocateOnIngest && order.Attention == OrderAttention.None && !cancelled)
            {
                await allocator.AllocateAsync(uow, order, cancellationToken);
            }
            await uow.CommitAsync(now, cancellationToken);
            metrics.Ingested.Add(1, new KeyValuePair<string, object?>("channel", incoming.ChannelId));
            wakeup.Wake();
            return new IngestResult(order.Id, true);
        }
        catch (DbUpdateException)
        {
            // Another process inserted the same (channel, external id) first; ours has rolled back by now.
            if (await FindIdAsync(incoming.ChannelId, incoming.ExternalId, cancellationToken) is { } winner) return new IngestResult(winner, false);
            throw;
        }
    }

    /// <summary>
    /// A POS sale as a completed store order. Each line's sale movement carries the key <c>pos-sale:{saleId}:{lineId}</c>,
    /// so a repeated delivery changes no stock even if it got past the order check.
    /// </summary>
    public async Task<IngestResult> RecordPosSaleAsync(PosSale sale, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sale.SaleId)) throw HubException.Invalid("'saleId' is required.");
        if (string.IsNullOrWhiteSpace(sale.OutletLocationId)) throw HubException.Invalid("'outletLocationId' is required.");
        if (sale.Lines.Count == 0) throw HubException.Invalid("A sale needs at least one line.");
        if (await FindIdAsync(OrderAllocator.StoresChannel, sale.SaleId, cancellationToken) is { } known) return new IngestResult(known, false);
        var incoming = new ChannelOrder(OrderAllocator.StoresChannel, sale.SaleId, sale.SoldAt, sale.Currency, sale.Customer ?? new ChannelCustomer(null, null, null, null),
            new ChannelDelivery("click_and_collect", null, null, null, null, sale.OutletLocationId, null), "paid", sale.Lines);
        var skus = await MatchAsync(incoming.Lines, cancellationToken);
        // The till sells only what its own catalogue holds; a SKU the hub lacks is a catalogue error to fix at the source.
        ThrowIfUnmatched(incoming.Lines, skus);

        await using var uow = await transactions.BeginAsync(db, cancellationToken);
        await uow.LockSkusAsync(skus.OfType<string>(), cancellationToken);
        if (await FindIdAsync(OrderAllocator.StoresChannel, sale.SaleId, cancellationToken) is { } raced) return new IngestResult(raced, false);
        var now = time.GetUtcNow();
        var order = Map(incoming, skus, OrderStatus.Completed, OrderLineStatus.Completed, now);
        // Sold over the counter: never work for the queue, numbered as the customer's receipt is.
        order.DeliveryKind = DeliveryKind.StoreSale;
        order.ReceiptNumber = string.IsNullOrWhiteSpace(sale.ReceiptNumber) ? null : OrderJournal.Truncate(sale.ReceiptNumber.Trim(), 64);
        db.Set<Order>().Add(order);
        OrderJournal.Event(uow, order.Id, now, "created", $"POS sale {sale.SaleId} (receipt {order.ReceiptNumber ?? "none"}) at {sale.OutletLocationId}.");
        await db.SaveChangesAsync(cancellationToken);
        foreach (var line in order.Lines)
        {
            await ledger.RecordAsync(uow, new RecordMovement(line.Sku, sale.OutletLocationId, MovementType.Sale, line.Quantity,
                Source: $"channel:{OrderAllocator.StoresChannel}", Reference: $"pos-sale:{sale.SaleId}",
                IdempotencyKey: $"pos-sale:{sale.SaleId}:{line.ExternalLineId}", OccurredAt: sale.SoldAt,
                // The till already sold it: a shortfall in the hub's numbers takes on-hand to 0 instead of refusing reality.
                ClampToOnHand: true), cancellationToken);
        }
        await uow.CommitAsync(sale.SoldAt, cancellationToken);
        metrics.Ingested.Add(1, new KeyValuePair<string, object?>("channel", OrderAllocator.StoresChannel));
        return new IngestResult(order.Id, true);
    }

    private Task<Guid?> FindIdAsync(string channelId, string externalId, CancellationToken cancellationToken) =>
        db.Set<Order>().AsNoTracking().Where(o => o.ChannelId == channelId && o.ExternalId == externalId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// What no order can be stored without: whose it is and which one. Everything else a channel sends is stored as it
    /// came, needing attention where the hub cannot act on it (<see cref="ValidateContentAsync"/> is for the hub's own API).
    /// </summary>
    private async Task ValidateIdentityAsync(ChannelOrder o, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(o.ChannelId)) throw HubException.Invalid("'channelId' is required.");
        if (string.IsNullOrWhiteSpace(o.ExternalId)) throw HubException.Invalid("'externalId' is required.");
        if (o.ExternalId.Length > 100) throw HubException.Invalid("'externalId' is longer than 100 characters.");
        if (await channels.FindAsync(o.ChannelId, cancellationToken) is null) throw HubException.NotFound($"Channel '{o.ChannelId}' does not exist.");
        if (o.Lines is not { Count: > 0 }) throw HubException.Invalid("An order needs at least one line.");
        if (o.Lines.Any(l => string.IsNullOrWhiteSpace(l.ExternalLineId) || l.ExternalLineId.Length > 100)) throw HubException.Invalid("Every line needs an id of at most 100 characters.");
        if (o.Lines.Select(l => l.ExternalLineId).Distinct().Count() != o.Lines.Count) throw HubException.Invalid("Line ids must be unique within an order.");
        ParseDelivery(o.Delivery.Kind);
    }

    /// <summary>The hub's own order API refuses what it could correct (a client that can fix its request gets a 400).</summary>
    private async Task ValidateContentAsync(ChannelOrder o, CancellationToken cancellationToken)
    {
        if (LineProblem(o.Lines.FirstOrDefault(l => LineProblem(l) is not null)) is { } problem) throw HubException.Invalid(problem);
        if (o.Lines.FirstOrDefault(l => l.Sku?.Length > 100 || l.Ean?.Length > 14) is { } tooLong)
        {
            throw HubException.Invalid($"Line '{tooLong.ExternalLineId}': a SKU is at most 100 characters and an EAN at most 14.");
        }
        if (o.OrderDiscount < 0 || o.Shipping < 0) throw HubException.Invalid("Prices and discounts cannot be negative.");
        if (!IsCurrency(o.Currency?.ToUpperInvariant())) throw HubException.Invalid("'currency' must be a three-letter ISO 4217 code.");
        if (await UnknownClickAndCollectStoreAsync(o.Delivery, cancellationToken) is { } store) throw HubException.Invalid(store);
    }

    /// <summary>Why the hub cannot act on a line as sent; null when it can (its SKU/EAN is the match's to judge).</summary>
    private static string? LineProblem(ChannelOrderLine? l) => l switch
    {
        null => null,
        { Problem: { Length: > 0 } problem } => problem,
        { Quantity: <= 0 or > ReservationBook.MaxQuantity } => $"Every line needs a quantity between 1 and {ReservationBook.MaxQuantity}; line '{l.ExternalLineId}' has {l.Quantity}.",
        _ when l.UnitPriceInclVat < 0 || l.Discount < 0 || l.Total < 0 => $"Prices and discounts cannot be negative (line '{l.ExternalLineId}').",
        _ => null,
    };

    private static bool IsCurrency(string? currency) => currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper);

    /// <summary>A click &amp; collect order names a store; the reason when it is no click &amp; collect location of the hub's.</summary>
    private async Task<string?> UnknownClickAndCollectStoreAsync(ChannelDelivery delivery, CancellationToken cancellationToken)
    {
        if (ParseDelivery(delivery.Kind) != DeliveryKind.ClickAndCollect) return null;
        if (delivery.StoreLocationId is not { Length: > 0 } store) return "Click & collect needs 'storeLocationId'; the channel named no store.";
        return await db.Locations.AnyAsync(l => l.Id == store && l.ClickAndCollect, cancellationToken)
            ? null : $"Location '{OrderJournal.Truncate(store, 64)}' does not offer click & collect.";
    }

    /// <summary>Hub SKU per line (the SKU when given, else the variant with the line's EAN); null when none matches.</summary>
    private async Task<List<string?>> MatchAsync(IReadOnlyList<ChannelOrderLine> lines, CancellationToken cancellationToken)
    {
        var wantedSkus = lines.Where(l => l.Sku is not null).Select(l => l.Sku!).Distinct().ToList();
        var wantedEans = lines.Where(l => l.Sku is null && l.Ean is not null).Select(l => l.Ean!).Distinct().ToList();
        var known = await db.Variants.AsNoTracking().Where(v => wantedSkus.Contains(v.Sku) || wantedEans.Contains(v.Ean))
            .Select(v => new { v.Sku, v.Ean }).ToListAsync(cancellationToken);
        return [.. lines.Select(line => (line.Sku is not null ? known.FirstOrDefault(v => v.Sku == line.Sku) : known.FirstOrDefault(v => v.Ean == line.Ean))?.Sku)];
    }

    private static void ThrowIfUnmatched(IReadOnlyList<ChannelOrderLine> lines, List<string?> matches)
    {
        var index = matches.IndexOf(null);
        if (index >= 0) throw HubException.Invalid($"Line '{lines[index].ExternalLineId}': {MatchProblem(lines[index])}");
    }

    private static string MatchProblem(ChannelOrderLine line) =>
        line.Sku?.Length > 100 ? $"the channel's SKU is longer than 100 characters ('{OrderJournal.Truncate(line.Sku, 40)}')."
        : line.Sku is not null ? $"no variant with SKU '{line.Sku}'."
        : line.Ean?.Length > 14 ? $"the channel's EAN '{OrderJournal.Truncate(line.Ean, 40)}' is longer than 14 digits."
        : line.Ean is not null ? $"no variant with EAN '{line.Ean}'."
        : "the channel sent neither a SKU nor an EAN.";

    private static Order Map(ChannelOrder o, List<string?> skus, OrderStatus status, OrderLineStatus lineStatus, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var lines = o.Lines.Select((l, i) => new OrderLine
        {
            Id = Guid.CreateVersion7(), OrderId = id, LineNumber = i + 1, ExternalLineId = l.ExternalLineId, Sku = skus[i] ?? "",
            // Kept as sent where it fits; a longer one is the match problem's to tell.
            Ean = l.Ean is { Length: <= 14 } ean ? ean : null, ChannelSku = l.Sku is null ? null : OrderJournal.Truncate(l.Sku, 100),
            Title = l.Title is null ? null : OrderJournal.Truncate(l.Title, 200), MatchProblem = skus[i] is null ? MatchProblem(l) : null,
            ReadProblem = LineProblem(l) is { } problem ? OrderJournal.Truncate(problem, 300) : null,
            Quantity = l.Quantity, UnitPriceInclVat = l.UnitPriceInclVat, Discount = l.Discount, ChargedTotal = l.Total,
            Status = lineStatus == OrderLineStatus.Cancelled ? lineStatus : skus[i] is null ? OrderLineStatus.Unmatched : lineStatus,
            QuantityShipped = lineStatus == OrderLineStatus.Completed ? l.Quantity : 0,
        }).ToList();
        return new Order
        {
            Id = id, ChannelId = o.ChannelId, ExternalId = o.ExternalId, Status = status, PlacedAt = o.PlacedAt, CreatedAt = now, UpdatedAt = now,
            // No currency a hub can book in ("XXX": ISO 4217's "no currency"): stored, and flagged as unexpected.
            Currency = IsCurrency(o.Currency?.ToUpperInvariant()) ? o.Currency!.ToUpperInvariant() : "XXX",
            TotalInclVat = lines.Sum(l => l.Value) + o.Shipping - o.OrderDiscount, ShippingTotal = o.Shipping,
            DiscountTotal = lines.Sum(l => l.Discount) + o.OrderDiscount,
            // What a channel sends is cut to the columns' lengths rather than failing the order on a long name.
            PaymentStatus = Fit(o.PaymentStatus, 32) ?? "unknown",
            CustomerName = Fit(o.Customer.Name, 200), CustomerEmail = Fit(o.Customer.Email, 254), CustomerPhone = Fit(o.Customer.Phone, 32),
            LoyaltyNumber = Fit(o.Customer.LoyaltyNumber, 64), DeliveryKind = ParseDelivery(o.Delivery.Kind), Street = Fit(o.Delivery.Street, 200),
            PostalCode = Fit(o.Delivery.PostalCode, 16), City = Fit(o.Delivery.City, 100), CountryCode = Fit(o.Delivery.CountryCode, 2),
            StoreLocationId = Fit(o.Delivery.StoreLocationId, 64), PickupPointId = Fit(o.Delivery.PickupPointId, 64),
            Lines = lines,
        };
    }

    private static string? Fit(string? value, int max) => value is null ? null : OrderJournal.Truncate(value.Trim(), max);

    public static DeliveryKind ParseDelivery(string? kind) => kind?.ToLowerInvariant() switch
    {
        "home" or null => DeliveryKind.Home,
        "click_and_collect" => DeliveryKind.ClickAndCollect,
        "pickup_point" => DeliveryKind.PickupPoint,
        _ => throw HubException.Invalid($"Unknown delivery kind '{kind}': use home, click_and_collect or pickup_point."),
    };
}

public sealed record IngestResult(Guid OrderId, bool Created);

/// <summary>What intake does with a line whose SKU/EAN matches no hub variant.</summary>
public enum UnknownItems { StoreForStaff, Refuse }

/// <summary>A completed sale at a store's till (from the POS webhook).</summary>
/// <param name="SaleId">The till's sale id: what makes the sale unique (its duplicate key).</param>
/// <param name="ReceiptNumber">The receipt number the store knows the sale by; shown as its number.</param>
public sealed record PosSale(string SaleId, string OutletLocationId, DateTimeOffset SoldAt, string Currency, IReadOnlyList<ChannelOrderLine> Lines, ChannelCustomer? Customer = null,
    string? ReceiptNumber = null);
