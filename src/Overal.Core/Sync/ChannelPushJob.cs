namespace Overal.Core.Sync;

/// <summary>
/// A push the channel took as a job it finishes later (an Amazon feed): the values in it are in flight. Its sync rows
/// are held (<see cref="ChannelSyncState.HeldByJob"/>) so that nothing overlapping is pushed until the dispatcher has
/// asked the adapter for the outcome and confirmed or failed each SKU; a newer value waits and goes out after it.
/// Stored, so that a dispatcher pass or a restart never loses a job and never submits its values a second time.
/// </summary>
public sealed class ChannelPushJob
{
    public Guid Id { get; set; }
    public required string ChannelId { get; set; }

    /// <summary>The channel's own id for the job (Amazon: the feedId).</summary>
    public required string JobId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When the dispatcher next asks for the outcome (moved ahead while one dispatcher is asking).</summary>
    public DateTimeOffset NextCheckAt { get; set; }

    /// <summary>JSON: the rows as they were sent (SKU, value, origin, attempts), in the order the channel got them.</summary>
    public required string Rows { get; set; }
}
