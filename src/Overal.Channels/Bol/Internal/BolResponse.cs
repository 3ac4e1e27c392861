using System.Text.Json.Nodes;

namespace Overal.Channels.Bol.Internal;

/// <summary>A non-transient answer: 2xx, or a 4xx that retrying will not fix.</summary>
internal sealed record BolResponse(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public JsonNode? Json => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);
}
