using Overal.Core.Channels;

namespace Overal.Core.Inventory;

/// <summary>
/// Channel availability = pool ATP → share → minus buffer → cap, never below 0 (architecture.md §3).
/// Pure, so the number pushed and the number explained are computed by the same code.
/// </summary>
public static class AvailabilityCalculator
{
    public static int Available(ChannelRule rule, IEnumerable<StockLevel> levels) => Explain(rule, levels).Available;

    public static AvailabilityExplanation Explain(ChannelRule rule, IEnumerable<StockLevel> levels)
    {
        var byLocation = levels.ToDictionary(l => l.LocationId);
        var terms = rule.PoolLocationIds.Select(id => byLocation.TryGetValue(id, out var l)
            ? new PoolTerm(id, l.OnHand, l.Reserved, l.SafetyStock, l.Atp)
            : new PoolTerm(id, 0, 0, 0, 0)).ToList();
        var poolAtp = terms.Sum(t => t.Atp);
        var afterShare = rule.SharePercent is { } share ? poolAtp * share / 100 : poolAtp;
        var afterBuffer = Math.Max(0, afterShare - rule.Buffer);
        var available = rule.Cap is { } cap ? Math.Min(cap, afterBuffer) : afterBuffer;
        return new AvailabilityExplanation(rule.ChannelId, terms, poolAtp, rule.SharePercent, afterShare, rule.Buffer, rule.Cap, Math.Max(0, available));
    }
}

/// <summary>One location's contribution: ATP = max(0, onHand − reserved − safetyStock).</summary>
public sealed record PoolTerm(string LocationId, int OnHand, int Reserved, int SafetyStock, int Atp);

public sealed record AvailabilityExplanation(
    string ChannelId,
    IReadOnlyList<PoolTerm> Pool,
    int PoolAtp,
    int? SharePercent,
    int AfterShare,
    int Buffer,
    int? Cap,
    int Available);
