using System.Text.Json.Nodes;

namespace Overal.Simulators.Bol;

/// <summary>A queued (202) call and its process status. <see cref="Complete"/> runs when it settles and says how it ended.</summary>
internal sealed class BolProcess
{
    public required string Id { get; init; }
    public required string EntityId { get; set; }
    public required string EventType { get; init; }
    public required string Description { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public string Status { get; set; } = "PENDING";
    public string? ErrorMessage { get; set; }

    /// <summary>Applies the change; returns an error message for FAILURE or null for SUCCESS.</summary>
    public required Func<string?> Complete { get; init; }

    public JsonObject ToJson(string baseUrl)
    {
        var json = new JsonObject
        {
            ["processStatusId"] = Id,
            ["entityId"] = EntityId,
            ["eventType"] = EventType,
            ["description"] = Description,
            ["status"] = Status,
            ["createTimestamp"] = CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            ["links"] = new JsonArray(new JsonObject
            {
                ["rel"] = "self",
                ["href"] = $"{baseUrl}/shared/process-status/{Id}",
                ["method"] = "GET",
            }),
        };
        if (ErrorMessage is not null) json["errorMessage"] = ErrorMessage;
        return json;
    }
}
