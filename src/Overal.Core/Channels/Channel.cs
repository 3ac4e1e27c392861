namespace Overal.Core.Channels;

/// <summary>A sales channel and the rules that turn stock into the number it may sell.</summary>
public sealed class Channel
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The system behind it: Lightspeed, Shopify, bol, Amazon SP-API, Zalando zDirect, Meta Commerce, B2B portal.</summary>
    public required string System { get; set; }
    public ChannelKind Kind { get; set; }

    /// <summary>False for channels the hub only listens to (the stores' POS): no availability is pushed there.</summary>
    public bool SyncsStock { get; set; } = true;

    /// <summary>Units held back from what the channel may show, against its lag.</summary>
    public int Buffer { get; set; }

    /// <summary>At most this many units shown, if set.</summary>
    public int? Cap { get; set; }

    /// <summary>Show only this share (0–100 %) of the pool, rounded down, if set.</summary>
    public int? SharePercent { get; set; }
    public List<ChannelPoolEntry> Pool { get; set; } = [];
}

public enum ChannelKind { Pos, Webshop, Marketplace, Social, Wholesale }
