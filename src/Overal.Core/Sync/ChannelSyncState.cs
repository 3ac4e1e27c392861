namespace Overal.Core.Sync;

/// <summary>
/// Per (SKU, channel): the number the hub wants the channel to show and the one it last confirmed.
/// Narrow on purpose: it is updated constantly. Rows with <see cref="Dirty"/> set are the dispatcher's work
/// (a partial index covers only those).
/// </summary>
public sealed class ChannelSyncState
{
    public required string Sku { get; set; }
    public required string ChannelId { get; set; }
    public int Desired { get; set; }
    public int? Confirmed { get; set; }
    public bool Dirty { get; set; }
    public SyncStatus Status { get; set; }

    /// <summary>Marks a desired value that no stock change caused (the initial listing sync): no latency is recorded for it.</summary>
    public static readonly DateTimeOffset NoOrigin = DateTimeOffset.UnixEpoch;

    /// <summary>When the stock change behind <see cref="Desired"/> happened (for propagation latency).</summary>
    public DateTimeOffset OriginAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>The <see cref="ClaimedUntil"/> of a row whose value is in flight in a <see cref="ChannelPushJob"/>: held until the job ends (whole milliseconds, as the column stores it).</summary>
    public static readonly DateTimeOffset HeldByJob = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds());

    /// <summary>A dispatcher has claimed the row for a push until then (or <see cref="HeldByJob"/>); other processes skip it.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Bumped on every desired change, so a dispatcher confirms only the value it actually sent.</summary>
    public long Version { get; set; }
}

public enum SyncStatus { InSync, Pending, Failed, Dead }
