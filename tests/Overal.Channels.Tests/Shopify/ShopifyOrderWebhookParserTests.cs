using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Overal.Channels.Shopify;
using Overal.Channels.Tests.Webhooks;
using Overal.Simulators;
using Overal.Simulators.Shopify;

namespace Overal.Channels.Tests.Shopify;

/// <summary>
/// What the hub reads from an orders/create body beyond SKU and quantity: every discount (an order-wide code reaches
/// the lines only through discount_allocations), the product title and the currency, so the order it stores totals to
/// Shopify's own figures to the cent.
/// </summary>
public sealed class ShopifyOrderWebhookParserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_wide_discount_code_is_kept_so_the_parsed_totals_equal_Shopify_to_the_cent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = new ShopifySimulator(Options.Create(new ShopifySimulatorOptions { WebhookUrl = receiver.Url.ToString(), WebhookSecret = "secret" }), TimeProvider.System);
        sim.Seed([new SimulatedItem("SKU-COAT", "8712345000011", "Wool coat", 119.95m, 5), new SimulatedItem("SKU-SCARF", "8712345000028", "Scarf", 17m, 8)]);

        await sim.PlaceOrderAsync(new ShopifySimOrderRequest([new("SKU-COAT", 1), new("SKU-SCARF", 2)], DiscountCode: new ShopifySimDiscountCode("WINTER20", 20m)), Ct);

        var body = Assert.Single(receiver.Received).Body;
        var payload = JsonNode.Parse(body)!.AsObject();
        var order = ShopifyOrderWebhookParser.Parse(body);
        var totalDiscounts = Money(payload["total_discounts"]);
        Assert.Equal(20.00m, totalDiscounts);
        Assert.Equal(totalDiscounts, order.Lines.Sum(l => l.Discount) + order.OrderDiscount);
        Assert.Equal(Money(payload["total_price"]), order.Lines.Sum(l => l.Quantity * l.UnitPriceInclVat - l.Discount) - order.OrderDiscount);
        Assert.All(order.Lines, l => Assert.True(l.Discount > 0));
        Assert.Equal("Wool coat", Assert.Single(order.Lines, l => l.Sku == "SKU-COAT").Title);
    }

    [Fact]
    public void A_total_discount_the_lines_do_not_carry_is_kept_as_an_order_discount_and_a_shipping_discount_is_not()
    {
        var order = ShopifyOrderWebhookParser.Parse(Encoding.UTF8.GetBytes("""
            {
              "id": 820982911946154508, "created_at": "2026-12-04T10:15:00+01:00", "currency": "USD", "financial_status": "paid",
              "total_price": "90.00", "total_discounts": "25.00",
              "line_items": [
                { "id": 1, "sku": "SKU-A", "title": "Linen shirt", "quantity": 1, "price": "60.00", "total_discount": "5.00" },
                { "id": 2, "sku": "", "name": "Gift wrap", "quantity": 1, "price": "50.00", "total_discount": "0.00" }
              ],
              "shipping_lines": [ { "price": "4.95", "discount_allocations": [ { "amount": "4.95" } ] } ]
            }
            """));

        Assert.Equal("USD", order.Currency);
        Assert.Equal(5.00m, order.Lines[0].Discount);
        Assert.Equal(15.05m, order.OrderDiscount);
        Assert.Null(order.Lines[1].Sku);
        Assert.Equal("Gift wrap", order.Lines[1].Title);
    }

    private static decimal Money(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
