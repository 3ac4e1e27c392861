namespace Overal.Hub.Webhooks.Lightspeed;

/// <summary>Lightspeed outlet id → the hub's store location (Channels:Lightspeed:Outlets; in demo mode matched by store name).</summary>
public sealed class LightspeedOutletMap(IReadOnlyDictionary<string, string> outletToLocation)
{
    public string? LocationFor(string outletId) => outletToLocation.TryGetValue(outletId, out var location) ? location : null;

    public IReadOnlyDictionary<string, string> All => outletToLocation;
}
