using Overal.Core.Channels;
using Overal.Core.Inventory;

namespace Overal.Core.Seeding;

/// <summary>The reference customer's locations and channels (scenario/fashion-retailer.md), under stable ids.</summary>
public static class ReferenceCustomer
{
    public const string Warehouse = "warehouse";

    // (id, city, ship-from-store): the larger stores also ship web orders.
    private static readonly (string Id, string City, bool ShipFromStore)[] Stores =
    [
        ("store-amsterdam", "Amsterdam", true),
        ("store-rotterdam", "Rotterdam", true),
        ("store-den-haag", "Den Haag", true),
        ("store-utrecht", "Utrecht", true),
        ("store-haarlem", "Haarlem", false),
        ("store-leiden", "Leiden", false),
        ("store-delft", "Delft", false),
        ("store-breda", "Breda", false),
        ("store-tilburg", "Tilburg", false),
        ("store-eindhoven", "Eindhoven", true),
        ("store-den-bosch", "'s-Hertogenbosch", false),
        ("store-amersfoort", "Amersfoort", true),
    ];

    public static IReadOnlyList<Location> Locations() =>
    [
        new() { Id = Warehouse, Name = "Central warehouse Nieuwegein", Kind = LocationKind.Warehouse, City = "Nieuwegein", DefaultSafetyStock = 0 },
        .. Stores.Select(s => new Location
        {
            Id = s.Id,
            Name = $"Store {s.City}",
            Kind = LocationKind.Store,
            City = s.City,
            ShipFromStore = s.ShipFromStore,
            ClickAndCollect = true,
            // One unit per store stays on the floor for walk-in customers.
            DefaultSafetyStock = 1,
        }),
    ];

    public static IReadOnlyList<Channel> Channels()
    {
        var shipFromStore = Stores.Where(s => s.ShipFromStore).Select(s => s.Id).ToList();
        return
        [
            Make("stores", "12 stores", "Lightspeed Retail (X-Series)", ChannelKind.Pos, 0, null, null, [.. Stores.Select(s => s.Id)], syncs: false),
            Make("webshop", "Own webshop", "Shopify", ChannelKind.Webshop, 0, null, null, [Warehouse, .. shipFromStore]),
            Make("bol", "bol", "bol Retailer API", ChannelKind.Marketplace, 2, null, null, [Warehouse]),
            Make("amazon", "Amazon.nl / .com.be", "Amazon Selling Partner API", ChannelKind.Marketplace, 2, null, null, [Warehouse]),
            Make("zalando", "Zalando", "Zalando zDirect", ChannelKind.Marketplace, 1, null, null, [Warehouse, .. shipFromStore]),
            Make("instagram", "Instagram Shopping", "Meta Commerce catalog", ChannelKind.Social, 1, 50, null, [Warehouse]),
            Make("facebook", "Facebook Shop", "Meta Commerce catalog", ChannelKind.Social, 1, 50, null, [Warehouse]),
            Make("b2b", "Wholesale B2B", "B2B portal", ChannelKind.Wholesale, 0, null, 30, [Warehouse]),
        ];
    }

    private static Channel Make(string id, string name, string system, ChannelKind kind, int buffer, int? cap, int? share, List<string> pool, bool syncs = true) => new()
    {
        Id = id,
        Name = name,
        System = system,
        Kind = kind,
        Buffer = buffer,
        Cap = cap,
        SharePercent = share,
        SyncsStock = syncs,
        Pool = [.. pool.Select((l, i) => new ChannelPoolEntry { ChannelId = id, LocationId = l, Priority = i })],
    };
}
