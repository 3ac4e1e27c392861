namespace Overal.Core.Orders;

/// <summary>The words for an order's <see cref="OrderAttention"/>: shown on the order page and in its alert.</summary>
public static class OrderAttentionReasons
{
    /// <summary>Null when nothing needs attention.</summary>
    public static string? Describe(Order order, string expectedCurrency)
    {
        var parts = new List<string>();
        if (order.Attention.HasFlag(OrderAttention.UnmatchedLines))
        {
            var unmatched = order.Lines.Where(l => l.Status == OrderLineStatus.Unmatched).OrderBy(l => l.LineNumber).ToList();
            parts.Add($"{unmatched.Count} line(s) match no hub variant ({string.Join("; ", unmatched.Select(l => $"line {l.LineNumber}: {l.MatchProblem}"))}) — map each to a SKU.");
        }
        if (order.Attention.HasFlag(OrderAttention.UnexpectedCurrency))
        {
            parts.Add($"The order is in {order.Currency}, but {order.ChannelId} is expected to sell in {expectedCurrency}; it was not converted — accept the currency or cancel the order.");
        }
        if (order.Attention.HasFlag(OrderAttention.UnknownLocation))
        {
            parts.Add("It is click & collect at a store the hub does not know as a click & collect location (the channel's id is on the timeline) — choose the store.");
        }
        if (order.Attention.HasFlag(OrderAttention.UnreadableLines))
        {
            var unreadable = order.Lines.Where(l => l.ReadProblem is not null).OrderBy(l => l.LineNumber).ToList();
            parts.Add($"{unreadable.Count} line(s) could not be read as sent ({string.Join("; ", unreadable.Select(l => $"line {l.LineNumber}: {l.ReadProblem}"))}) — check them on the channel, then accept the order as sent or cancel it.");
        }
        return parts.Count == 0 ? null : OrderJournal.Truncate(string.Join(" ", parts), 1000);
    }

    /// <summary>The API's names for the reasons (snake case, like every other enum it returns).</summary>
    public static IReadOnlyList<string> Codes(OrderAttention attention) =>
    [
        .. attention.HasFlag(OrderAttention.UnmatchedLines) ? ["unmatched_lines"] : Array.Empty<string>(),
        .. attention.HasFlag(OrderAttention.UnexpectedCurrency) ? ["unexpected_currency"] : Array.Empty<string>(),
        .. attention.HasFlag(OrderAttention.UnknownLocation) ? ["unknown_location"] : Array.Empty<string>(),
        .. attention.HasFlag(OrderAttention.UnreadableLines) ? ["unreadable_lines"] : Array.Empty<string>(),
    ];
}
