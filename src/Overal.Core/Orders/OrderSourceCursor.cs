namespace Overal.Core.Orders;

/// <summary>Where polling of one order source stopped, so a restart resumes instead of re-reading or skipping.</summary>
public sealed class OrderSourceCursor
{
    public required string ChannelId { get; set; }
    public DateTimeOffset Since { get; set; }
    public string? PageToken { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
