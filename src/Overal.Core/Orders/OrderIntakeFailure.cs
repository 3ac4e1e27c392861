namespace Overal.Core.Orders;

/// <summary>
/// A channel whose orders are not coming in: its fetch fails (the channel is down, an item call errs), or the hub
/// refuses an order it fetched. Polling then stops at that order — the cursor never moves past an order that is not
/// stored — and tries again next round; this row is what the alert reads, and it is gone with the next good round.
/// </summary>
public sealed class OrderIntakeFailure
{
    public required string ChannelId { get; set; }

    /// <summary><see cref="OrderIntakeFailureKinds.Fetch"/> or <see cref="OrderIntakeFailureKinds.Refused"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What failed, in words (no personal data: ids and the error).</summary>
    public required string Detail { get; set; }

    /// <summary>The first failing round since the last good one.</summary>
    public DateTimeOffset FailingSince { get; set; }
    public DateTimeOffset LastFailedAt { get; set; }
    public int Rounds { get; set; }
}

public static class OrderIntakeFailureKinds
{
    /// <summary>The channel's order call (or one of its item calls) failed.</summary>
    public const string Fetch = "fetch";

    /// <summary>The hub refused an order the channel sent (no id, no lines…): polling waits at it.</summary>
    public const string Refused = "refused";
}
