namespace Overal.Hub.Dashboard.Data;

/// <summary>
/// Names for the ids the order pages hold (channels, their systems, locations), so staff read "Store Amsterdam" and
/// "Own webshop" rather than store-amsterdam and webshop. An unknown id shows as itself.
/// </summary>
public sealed record DisplayNames(IReadOnlyDictionary<string, string> Channels, IReadOnlyDictionary<string, string> Systems, IReadOnlyDictionary<string, string> Locations)
{
    public static readonly DisplayNames None = new(new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public string Channel(string? id) => id is not null && Channels.TryGetValue(id, out var name) ? name : id ?? "";

    /// <summary>The system behind a channel (Shopify, bol Retailer API, …): where staff go to do what the hub could not.</summary>
    public string System(string? id) => id is not null && Systems.TryGetValue(id, out var name) ? name : id ?? "";

    public string Location(string? id) => id is not null && Locations.TryGetValue(id, out var name) ? name : id ?? "";
}
