namespace Overal.Simulators.Amazon;

/// <summary>A submitted feed; processed lazily once its processing time has come.</summary>
internal sealed class AmazonFeed
{
    public required string FeedId { get; init; }
    public required string FeedType { get; init; }
    public required string[] MarketplaceIds { get; init; }
    public required string InputDocumentId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public string Status { get; set; } = "IN_QUEUE";
    public string? ResultDocumentId { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
