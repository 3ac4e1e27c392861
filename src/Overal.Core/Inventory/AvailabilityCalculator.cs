using Overal.Core.Channels;

namespace Overal.Core.Inventory;

/// <summary>
/// Channel availability = (pool ATP + the channel's own active holds) → share → minus buffer → cap → minus the
/// channel's own active holds, never below 0 (architecture.md §3). Pure, so the number pushed, the number explained
/// and the limit a hold is checked against are computed by the same code.
/// </summary>
/// <remarks>
/// The channel's own holds are added back before share and cap and taken off after: a share or a cap bounds what the
/// channel may hold in total, not what it may take next. Without that, a channel with a 30 % share could hold 30 % of
/// what is left again and again until the pool is empty. For buffer-only channels the result is plain ATP − buffer.
/// </remarks>
public static class AvailabilityCalculator
{
    public static int Available(ChannelRule rule, IEnumerable<StockLevel> levels, IEnumerable<HeldUnits>? held = null) =>
        Explain(rule, levels, held).Available;

    /// <param name="held">Active reservations of the SKU per (channel, location); only this channel's, in its pool, count.</param>
    public static AvailabilityExplanation Explain(ChannelRule rule, IEnumerable<StockLevel> levels, IEnumerable<HeldUnits>? held = null)
    {
        var byLocation = levels.ToDictionary(l => l.LocationId);
        var terms = rule.PoolLocationIds.Select(id => byLocation.TryGetValue(id, out var l)
            ? new PoolTerm(id, l.OnHand, l.Reserved, l.SafetyStock, l.Atp)
            : new PoolTerm(id, 0, 0, 0, 0)).ToList();
        var poolAtp = terms.Sum(t => t.Atp);
        var heldByChannel = (held ?? []).Where(h => h.ChannelId == rule.ChannelId && rule.PoolLocationIds.Contains(h.LocationId)).Sum(h => h.Quantity);
        var entitled = poolAtp + heldByChannel;
        var afterShare = rule.SharePercent is { } share ? entitled * share / 100 : entitled;
        var afterBuffer = Math.Max(0, afterShare - rule.Buffer);
        var afterCap = rule.Cap is { } cap ? Math.Min(cap, afterBuffer) : afterBuffer;
        return new AvailabilityExplanation(rule.ChannelId, terms, poolAtp, heldByChannel, rule.SharePercent, afterShare, rule.Buffer, rule.Cap,
            Math.Max(0, afterCap - heldByChannel));
    }
}

/// <summary>One location's contribution: ATP = max(0, onHand − reserved − safetyStock).</summary>
public sealed record PoolTerm(string LocationId, int OnHand, int Reserved, int SafetyStock, int Atp);

/// <summary>Units of one SKU held by a channel's active reservations at one location.</summary>
public sealed record HeldUnits(string ChannelId, string LocationId, int Quantity);

/// <param name="HeldByChannel">Units the channel already holds in its pool (active reservations): counted into share and cap, then taken off.</param>
public sealed record AvailabilityExplanation(
    string ChannelId,
    IReadOnlyList<PoolTerm> Pool,
    int PoolAtp,
    int HeldByChannel,
    int? SharePercent,
    int AfterShare,
    int Buffer,
    int? Cap,
    int Available);
