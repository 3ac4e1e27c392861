using System.Globalization;

namespace Overal.Simulators.Shopify;

/// <summary>Shopify global ids: gid://shopify/{Type}/{number}.</summary>
internal static class ShopifyGid
{
    public static string InventoryItem(long id) => Of("InventoryItem", id);

    public static string Location(long id) => Of("Location", id);

    public static string Of(string type, long id) => $"gid://shopify/{type}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The numeric part; -1 when the text is not a GID.</summary>
    public static long Parse(string? gid)
    {
        if (gid is null) return -1;
        var slash = gid.LastIndexOf('/');
        return gid.StartsWith("gid://shopify/", StringComparison.Ordinal)
            && long.TryParse(gid.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
    }

    public static bool IsOfType(string? gid, string type) =>
        gid is not null && gid.StartsWith($"gid://shopify/{type}/", StringComparison.Ordinal) && Parse(gid) >= 0;
}
