namespace Overal.Core.Orders;

/// <summary>
/// Decides where each line ships from, given the eligible locations in priority order and the ATP read under the
/// SKU locks. Pure: the plan and its explanation come from the same code, and the rules are unit-testable.
/// Rules, in order: click &amp; collect → the chosen store only; fewest shipments (one location that fills every line);
/// below the no-split value the order ships from one location or waits; otherwise per line: join a location already
/// shipping, else the first that fills it, else split in priority order; what is left is not allocated.
/// </summary>
public static class SourcingPlanner
{
    public static SourcingPlan Plan(IReadOnlyList<PlanLine> lines, IReadOnlyList<string> candidates, IReadOnlyDictionary<(string Sku, string Location), int> atp,
        SourcingOptions options, string? clickAndCollectStore)
    {
        var left = new Dictionary<(string, string), int>();
        int Atp(string sku, string location) => left.TryGetValue((sku, location), out var v) ? v : atp.TryGetValue((sku, location), out var a) ? Math.Max(0, a) : 0;
        string Describe(string sku) => candidates.Count == 0 ? "(no eligible location)" : string.Join(", ", candidates.Select(l => $"{l}:{Atp(sku, l)}"));
        void Take(string sku, string location, int q) => left[(sku, location)] = Atp(sku, location) - q;

        var decisions = new List<PlannedLine>();
        var cc = clickAndCollectStore is not null;
        bool FillsAll(string location) => lines.GroupBy(l => l.Sku).All(g => g.Sum(l => l.Quantity) <= Atp(g.Key, location));

        // One location for everything, when there is one: the customer gets one parcel.
        if ((options.FewestShipments || cc) && candidates.FirstOrDefault(FillsAll) is { } single)
        {
            var rule = cc ? "click_and_collect" : lines.Count > 1 ? "fewest_shipments" : "priority";
            foreach (var line in lines)
            {
                var described = Describe(line.Sku);
                Take(line.Sku, single, line.Quantity);
                var why = cc
                    ? $"Click & collect: the customer chose {single}, which has the stock."
                    : lines.Count > 1
                        ? $"{single} is the first location in priority order that can fill all {lines.Count} lines in one shipment."
                        : $"{single} is the first location in priority order that can fill the line.";
                decisions.Add(new PlannedLine(line, [(single, line.Quantity)], rule, described, why));
            }
            return new SourcingPlan(decisions);
        }

        if (cc)
        {
            foreach (var line in lines)
            {
                decisions.Add(new PlannedLine(line, [], "click_and_collect", Describe(line.Sku),
                    $"Click & collect at {clickAndCollectStore}: the store cannot fill every line, and the order is collected there only."));
            }
            return new SourcingPlan(decisions);
        }

        var orderValue = lines.Sum(l => l.Value);
        if (orderValue < options.NoSplitBelowValue)
        {
            // Ship from the one location that fills the most lines; the rest wait rather than go in a second parcel.
            var best = candidates
                .Select((l, i) => (Location: l, Index: i, Fills: lines.Count(x => x.Quantity <= Atp(x.Sku, l))))
                .OrderByDescending(x => x.Fills).ThenBy(x => x.Index).FirstOrDefault();
            foreach (var line in lines)
            {
                var described = Describe(line.Sku);
                if (best.Location is not null && best.Fills > 0 && line.Quantity <= Atp(line.Sku, best.Location))
                {
                    Take(line.Sku, best.Location, line.Quantity);
                    decisions.Add(new PlannedLine(line, [(best.Location, line.Quantity)], "no_split_below_value", described,
                        $"Order value {orderValue:0.00} is below the no-split threshold {options.NoSplitBelowValue:0.00}: one shipment from {best.Location}, which fills the most lines."));
                }
                else
                {
                    decisions.Add(new PlannedLine(line, [], "no_split_below_value", described,
                        $"Order value {orderValue:0.00} is below the no-split threshold {options.NoSplitBelowValue:0.00} and {best.Location ?? "no location"} cannot fill this line; not split into a second shipment."));
                }
            }
            return new SourcingPlan(decisions);
        }

        var used = new List<string>();
        foreach (var line in lines)
        {
            var described = Describe(line.Sku);
            if (candidates.Where(used.Contains).FirstOrDefault(l => Atp(line.Sku, l) >= line.Quantity) is { } joined)
            {
                Take(line.Sku, joined, line.Quantity);
                decisions.Add(new PlannedLine(line, [(joined, line.Quantity)], "fewest_shipments", described, $"Joins the shipment already leaving {joined}."));
                continue;
            }
            if (candidates.FirstOrDefault(l => Atp(line.Sku, l) >= line.Quantity) is { } first)
            {
                Take(line.Sku, first, line.Quantity);
                used.Add(first);
                decisions.Add(new PlannedLine(line, [(first, line.Quantity)], "priority", described, $"{first} is the first location in priority order that can fill the line."));
                continue;
            }
            if (candidates.Sum(l => Atp(line.Sku, l)) >= line.Quantity)
            {
                var parts = new List<(string, int)>();
                var remaining = line.Quantity;
                foreach (var l in candidates)
                {
                    var q = Math.Min(remaining, Atp(line.Sku, l));
                    if (q <= 0) continue;
                    Take(line.Sku, l, q);
                    parts.Add((l, q));
                    if (!used.Contains(l)) used.Add(l);
                    remaining -= q;
                    if (remaining == 0) break;
                }
                decisions.Add(new PlannedLine(line, parts, "split", described, "No single location can fill the line; split over the pool in priority order."));
                continue;
            }
            decisions.Add(new PlannedLine(line, [], "backorder", described, $"The eligible locations hold {candidates.Sum(l => Atp(line.Sku, l))} of {line.Quantity} unit(s)."));
        }
        return new SourcingPlan(decisions);
    }
}

public sealed record PlanLine(Guid LineId, string Sku, int Quantity, decimal Value);

/// <param name="Parts">Where the line is taken from; empty when it could not be allocated.</param>
public sealed record PlannedLine(PlanLine Line, IReadOnlyList<(string Location, int Quantity)> Parts, string Rule, string Candidates, string Reason);

public sealed record SourcingPlan(IReadOnlyList<PlannedLine> Lines);
