namespace Overal.Core.Orders;

/// <summary>Order settings, bound from the <c>Orders</c> configuration section.</summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    public SourcingOptions Sourcing { get; set; } = new();

    /// <summary>cancel | backorder: what happens to a marketplace line that was sold but cannot be allocated.</summary>
    public string OversellPolicy { get; set; } = "cancel";

    /// <summary>Channels whose orders are already sold when they reach us (an unallocatable line is an oversell).</summary>
    public List<string> MarketplaceChannels { get; set; } = ["bol", "amazon", "zalando"];

    /// <summary>Expected date of a backordered line = now + this.</summary>
    public TimeSpan BackorderLeadTime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>An open order older than this (since placed) that has not shipped or been collected is overdue.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The currency every channel is expected to sell in (ISO 4217); an order in another one waits for staff.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>Per channel id, a currency that channel sells in instead of <see cref="Currency"/> (e.g. a UK marketplace in GBP).</summary>
    public Dictionary<string, string> ChannelCurrencies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ChannelActionOptions Actions { get; set; } = new();

    public PollingOptions Polling { get; set; } = new();

    public PromiseOptions Promise { get; set; } = new();

    public string ExpectedCurrency(string channelId) => ChannelCurrencies.TryGetValue(channelId, out var c) && !string.IsNullOrWhiteSpace(c) ? c : Currency;

    public bool CancelsOversells => string.Equals(OversellPolicy, "cancel", StringComparison.OrdinalIgnoreCase);
}

public sealed class SourcingOptions
{
    /// <summary>Allocate as soon as an order is ingested (otherwise staff use POST /allocate).</summary>
    public bool AllocateOnIngest { get; set; } = true;

    /// <summary>Stores may fulfil home deliveries only when their ship-from-store flag is set.</summary>
    public bool ShipFromStore { get; set; } = true;

    /// <summary>Prefer one location that can fill every line over the pool's priority order.</summary>
    public bool FewestShipments { get; set; } = true;

    /// <summary>Orders worth less than this ship from one location only (a second parcel costs more than it earns).</summary>
    public decimal NoSplitBelowValue { get; set; } = 50m;
}

public sealed class ChannelActionOptions
{
    /// <summary>Run the background dispatcher in this process (tests and read-only instances turn it off).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an action whose channel has no adapter registered is looked at again.</summary>
    public TimeSpan AdapterRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed action is hidden from other dispatchers while it is being sent.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed class PollingOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Safety stop on pages per source per round.</summary>
    public int MaxPagesPerRound { get; set; } = 20;

    /// <summary>
    /// How long a channel's order fetch may keep failing before it is alerted (a refused order is alerted at once):
    /// a blip should not page anyone, an hour without orders must.
    /// </summary>
    public TimeSpan AlertAfter { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class PromiseOptions
{
    /// <summary>IANA id of the shop's time zone; cut-offs are local times there.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>Orders placed before this local time leave the warehouse the same day.</summary>
    public TimeSpan WarehouseCutoff { get; set; } = TimeSpan.FromHours(22);

    /// <summary>Ship-from-store orders placed before this local time leave the store the same day.</summary>
    public TimeSpan StoreCutoff { get; set; } = TimeSpan.FromHours(17);

    /// <summary>Click &amp; collect from store stock is ready today when ordered before this local time.</summary>
    public TimeSpan PickupCutoff { get; set; } = TimeSpan.FromHours(18);
    public int DeliveryDays { get; set; } = 1;
    public int PickupPointExtraDays { get; set; } = 0;

    /// <summary>Warehouse → store transfer for click &amp; collect when the store lacks stock.</summary>
    public int TransferDays { get; set; } = 1;

    /// <summary>The channel whose pool decides which locations may promise home delivery.</summary>
    public string Channel { get; set; } = "webshop";
}
