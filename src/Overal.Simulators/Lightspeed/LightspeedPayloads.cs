using System.Globalization;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Lightspeed;

/// <summary>
/// JSON shapes of X-Series API 2.0 objects. Sale line items also carry the product's sku (the simulator's
/// convenience so a receiver needs no product look-up; a real receiver may have to resolve product_id).
/// </summary>
internal static class LightspeedPayloads
{
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Sale(LightspeedSaleRecord sale)
    {
        var lines = new JsonArray();
        decimal total = 0, totalTax = 0;
        var sequence = 0;
        foreach (var line in sale.Lines)
        {
            var tax = Math.Round(line.Product.PriceExclTax * line.Product.TaxRate, 2);
            total += line.Product.PriceExclTax * line.Quantity;
            totalTax += tax * line.Quantity;
            lines.Add(new JsonObject
            {
                ["id"] = line.Id,
                ["product_id"] = line.Product.Id,
                ["sku"] = line.Product.Sku,
                ["quantity"] = line.Quantity,
                ["price"] = line.Product.PriceExclTax,
                ["tax"] = tax,
                ["price_total"] = line.Product.PriceExclTax * line.Quantity,
                ["tax_total"] = tax * line.Quantity,
                ["discount"] = 0m,
                ["discount_total"] = 0m,
                ["sequence"] = sequence++,
                ["status"] = "CONFIRMED",
                ["is_return"] = line.Quantity < 0,
            });
        }
        var at = Timestamp(sale.At);
        return new JsonObject
        {
            ["id"] = sale.Id,
            ["outlet_id"] = sale.OutletId,
            ["register_id"] = sale.RegisterId,
            ["user_id"] = "0242ac12-0002-11ee-e6d3-00000000a001",
            ["customer_id"] = null,
            ["invoice_number"] = sale.InvoiceNumber,
            ["receipt_number"] = sale.InvoiceNumber,
            ["source"] = "USER",
            ["status"] = "CLOSED",
            ["state"] = "closed",
            ["sale_date"] = at,
            ["created_at"] = at,
            ["updated_at"] = at,
            ["version"] = sale.Version,
            ["total_price"] = total,
            ["total_tax"] = totalTax,
            ["total_price_incl"] = total + totalTax,
            ["line_items"] = lines,
        };
    }

    public static JsonObject Inventory(LightspeedProductRecord product, string outletId, int count, long version) => new()
    {
        ["id"] = product.Id + ":" + outletId,
        ["product_id"] = product.Id,
        ["outlet_id"] = outletId,
        ["inventory_level"] = count,
        ["current_amount"] = count,
        ["count"] = count,
        ["version"] = version,
        ["product"] = new JsonObject { ["id"] = product.Id, ["sku"] = product.Sku, ["name"] = product.Name },
    };
}
