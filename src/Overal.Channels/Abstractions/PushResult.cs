namespace Overal.Channels.Abstractions;

/// <summary>The outcome of one push call, item by item, with what the channel said about its own capacity.</summary>
/// <param name="Items">One outcome per SKU that was in the request, except those in <see cref="Job"/>.</param>
/// <param name="RetryAfter">When the channel asked us to come back (Retry-After, an empty bucket), if it did.</param>
/// <param name="ChannelCalls">How many HTTP calls the push took (for the calls-per-change figure).</param>
public sealed record PushResult(IReadOnlyList<ItemResult> Items, TimeSpan? RetryAfter, int ChannelCalls)
{
    /// <summary>
    /// Set when the channel took some values as a job it finishes later (an Amazon feed): those SKUs have no item
    /// here; their values are in flight until <see cref="IPushJobTracker.CheckPushJobAsync"/> reports the outcome.
    /// </summary>
    public PushJob? Job { get; init; }

    public static PushResult AllConfirmed(IEnumerable<string> skus, int calls) =>
        new([.. skus.Select(s => new ItemResult(s, ItemOutcome.Confirmed, null, null))], null, calls);

    public static PushResult AllRetry(IEnumerable<string> skus, string error, TimeSpan? retryAfter, int calls) =>
        new([.. skus.Select(s => new ItemResult(s, ItemOutcome.RetryLater, error, null))], retryAfter, calls);
}

/// <param name="ConfirmedQuantity">The value the channel now holds when it told us (may differ from what we sent after a stale CAS).</param>
public sealed record ItemResult(string Sku, ItemOutcome Outcome, string? Error, int? ConfirmedQuantity);

public enum ItemOutcome
{
    /// <summary>The channel holds the value we sent.</summary>
    Confirmed,

    /// <summary>A transient failure (throttled, timeout, 5xx, stale compare): try again later.</summary>
    RetryLater,

    /// <summary>The channel will never accept this (unknown item, invalid value): goes to dead letter.</summary>
    Rejected,
}
