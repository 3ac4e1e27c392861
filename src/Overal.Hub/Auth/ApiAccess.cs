namespace Overal.Hub.Auth;

/// <summary>
/// The access rule every <c>/api</c> endpoint declares (endpoint metadata, added with
/// <see cref="ApiAccessConventions.RequireAccess"/>): which roles may call it and, for store-bound actions, how the
/// store it acts at is found. <see cref="ApiAccessGuard"/> refuses any /api endpoint that declares none, so a new route
/// cannot go out open by accident.
/// </summary>
public sealed class ApiAccess
{
    private ApiAccess(string name, string? policy, StoreResolver? store)
    {
        Name = name;
        Policy = policy;
        Store = store;
    }

    /// <summary>"public", "read", "store" or "operate": what the endpoint table in the docs and tests calls the rule.</summary>
    public string Name { get; }

    /// <summary>The authorization policy; null for a public endpoint.</summary>
    public string? Policy { get; }

    /// <summary>For store-bound actions: the store(s) the call acts at, which store staff must be bound to.</summary>
    public StoreResolver? Store { get; }

    /// <summary>No session or key needed (the API reference page: it holds no data).</summary>
    public static readonly ApiAccess Public = new("public", null, null);

    /// <summary>Any role may read.</summary>
    public static readonly ApiAccess Read = new("read", HubPolicies.Read, null);

    /// <summary>Admin and operations only.</summary>
    public static readonly ApiAccess Operate = new("operate", HubPolicies.Operate, null);

    /// <summary>Admin and operations anywhere; store staff only where <paramref name="store"/> says the call acts at their store.</summary>
    public static ApiAccess AtStore(StoreResolver store) => new("store", HubPolicies.ManageStock, store);

    public override string ToString() => Name;
}

/// <summary>Finds the store(s) a call acts at from its bound arguments (body, route values) or the resource they name.</summary>
public delegate ValueTask<StoreTarget> StoreResolver(EndpointFilterInvocationContext context);

/// <summary>
/// Where a call acts. <see cref="AnyOf"/>: the resource belongs to a store when any of <see cref="Locations"/> is it
/// (an order allocated to, or collected at, the store); otherwise every location must be the store (a transfer's both ends).
/// No location at all means the call is not tied to one store, which store staff may not do.
/// </summary>
public sealed record StoreTarget(IReadOnlyList<string> Locations, bool AnyOf)
{
    public static StoreTarget All(IEnumerable<string?> locations) => new([.. locations.OfType<string>().Distinct(StringComparer.Ordinal)], false);

    public static StoreTarget Any(IEnumerable<string?> locations) => new([.. locations.OfType<string>().Distinct(StringComparer.Ordinal)], true);
}
