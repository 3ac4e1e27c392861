using System.Text.Json.Nodes;

namespace Overal.Channels.Bol.Internal;

/// <summary>Where one queued call ended up.</summary>
internal sealed record BolProcessOutcome(string Id, string Status, string EntityId, string? Error, TimeSpan? RetryAfter)
{
    public static BolProcessOutcome? From(JsonNode? status) =>
        status?["processStatusId"]?.ToString() is { } id
            ? new BolProcessOutcome(id, status["status"]?.ToString() ?? "PENDING", status["entityId"]?.ToString() ?? "", status["errorMessage"]?.ToString(), null)
            : null;
}
