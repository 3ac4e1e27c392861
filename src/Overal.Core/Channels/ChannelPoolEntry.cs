namespace Overal.Core.Channels;

/// <summary>A location that may fulfil a channel's orders; lower priority numbers are drawn from first.</summary>
public sealed class ChannelPoolEntry
{
    public required string ChannelId { get; set; }
    public required string LocationId { get; set; }
    public int Priority { get; set; }
}
