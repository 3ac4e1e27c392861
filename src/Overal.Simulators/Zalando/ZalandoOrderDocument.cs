using System.Globalization;

namespace Overal.Simulators.Zalando;

/// <summary>Renders orders as JSON:API resources: Order → order_items (OrderItem) → order_lines (OrderLine).</summary>
internal static class ZalandoOrderDocument
{
    public static object Order(ZalandoSimOrder order) => new
    {
        type = "Order",
        id = order.Id,
        attributes = new
        {
            order_number = order.OrderNumber,
            status = order.Status,
            exported = order.Exported,
            order_date = order.OrderDate,
            modified_at = order.ModifiedAt,
            sales_channel_id = order.SalesChannelId,
            tracking_number = order.TrackingNumber,
            return_tracking_number = order.ReturnTrackingNumber,
            order_lines_count = order.Items.Sum(i => i.Lines.Count),
            shipping_address = new
            {
                first_name = order.ShippingAddress.FirstName,
                last_name = order.ShippingAddress.LastName,
                address_line_1 = order.ShippingAddress.AddressLine1,
                zip_code = order.ShippingAddress.ZipCode,
                city = order.ShippingAddress.City,
                country_code = order.ShippingAddress.CountryCode,
            },
        },
        relationships = new
        {
            order_items = new { data = order.Items.Select(i => new { type = "OrderItem", id = i.Id }).ToList() },
        },
    };

    public static List<object> Included(IEnumerable<ZalandoSimOrder> orders, bool items, bool lines)
    {
        var included = new List<object>();
        foreach (var item in orders.SelectMany(o => o.Items))
        {
            if (items)
            {
                included.Add(new
                {
                    type = "OrderItem",
                    id = item.Id,
                    attributes = new { ean = item.Ean, article_id = item.ArticleId, quantity_initial = item.Lines.Count },
                    relationships = new { order_lines = new { data = item.Lines.Select(l => new { type = "OrderLine", id = l.Id }).ToList() } },
                });
            }
            if (lines)
            {
                included.AddRange(item.Lines.Select(l => (object)new
                {
                    type = "OrderLine",
                    id = l.Id,
                    attributes = new
                    {
                        status = l.Status,
                        price = new { amount = l.Price.ToString("0.00", CultureInfo.InvariantCulture), currency = "EUR" },
                    },
                }));
            }
        }
        return included;
    }
}
