namespace Overal.Core.Errors;

/// <summary>
/// A request the hub refuses, with the RFC 9457 status and a detail written for the person who sent it.
/// Thrown before anything is written, or inside a transaction that is then rolled back: nothing changes.
/// </summary>
public class HubException(int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static HubException NotFound(string detail) => new(404, "Not found", detail);

    public static HubException Invalid(string detail) => new(400, "Invalid request", detail);

    public static HubException Conflict(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(409, "Conflict", detail, extensions);
}
