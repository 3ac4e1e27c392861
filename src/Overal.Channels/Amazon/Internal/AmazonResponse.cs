using System.Text.Json.Nodes;

namespace Overal.Channels.Amazon.Internal;

/// <summary>A non-transient SP-API answer: 2xx or a 4xx that retrying will not fix.</summary>
internal sealed record AmazonResponse(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public JsonNode? Json => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);
}
