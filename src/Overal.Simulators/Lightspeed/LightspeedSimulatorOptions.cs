namespace Overal.Simulators.Lightspeed;

/// <summary>Bound from configuration section <c>Simulators:Lightspeed</c>. Defaults are the X-Series contract.</summary>
public sealed class LightspeedSimulatorOptions
{
    public const string Section = "Simulators:Lightspeed";

    /// <summary>The store's domain prefix ({prefix}.retail.lightspeed.app); sent as domain_prefix in webhooks.</summary>
    public string DomainPrefix { get; set; } = "overal";

    /// <summary>Bearer token the API expects.</summary>
    public string AccessToken { get; set; } = "lsxs_overal_simulator";

    /// <summary>Where webhooks go (the hub's /webhooks/lightspeed); null: none are sent.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The client secret webhooks are signed with; null: none are sent.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Signature header name. UNCONFIRMED in the contract (commonly X-Signature), hence configurable.</summary>
    public string SignatureHeaderName { get; set; } = "X-Signature";

    /// <summary>Signature header value; {0} is the lowercase hex HMAC-SHA256 of the raw body. UNCONFIRMED, hence configurable.</summary>
    public string SignatureFormat { get; set; } = "signature={0}, algorithm=HMAC-SHA256";

    /// <summary>Registers in the account; the API allows RequestsPerRegister × RegisterCount + BaseRequests per window.</summary>
    public int RegisterCount { get; set; } = 12;

    public int RequestsPerRegister { get; set; } = 300;

    public int BaseRequests { get; set; } = 50;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Outlet id → store name (Simulators:Lightspeed:Outlets:{id} = name); empty: <see cref="DefaultOutlets"/>.
    /// Left empty by default because configuration binding adds to a dictionary instead of replacing it.</summary>
    public Dictionary<string, string> Outlets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The reference customer's 12 stores.</summary>
    public static IReadOnlyDictionary<string, string> DefaultOutlets { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40001"] = "Amsterdam",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40002"] = "Rotterdam",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40003"] = "Den Haag",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40004"] = "Utrecht",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40005"] = "Haarlem",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40006"] = "Leiden",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40007"] = "Delft",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40008"] = "Breda",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40009"] = "Tilburg",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40010"] = "Eindhoven",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40011"] = "'s-Hertogenbosch",
        ["0242ac12-0002-11ee-e6d3-a1b2c3d40012"] = "Amersfoort",
    };
}
