using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Overal.Simulators.Specs;

/// <summary>
/// A simulator's spec gate: the official documents it validates against (chosen by path prefix), and a record
/// of every violation seen, so tests can prove an adapter only ever sent spec-valid requests.
/// When the spec folder is absent the gate is open (validation off, logged once) and the simulator still runs.
/// </summary>
public sealed class RequestValidator
{
    private readonly List<(string Prefix, OpenApiDocument Document)> _documents = [];
    private readonly Dictionary<string, JsonSchemaValidator> _schemas = [];
    private readonly ConcurrentQueue<RecordedViolation> _recorded = new();

    /// <param name="documents">Path prefix (as the spec writes paths, e.g. "/retailer") → file relative to the specs folder.</param>
    /// <param name="schemas">Name → stand-alone JSON Schema file relative to the specs folder.</param>
    public RequestValidator(string channel, string? configuredDirectory, IReadOnlyDictionary<string, string> documents,
        IReadOnlyDictionary<string, string> schemas, ILogger logger)
    {
        SpecsFolder = SpecsDirectory.Locate(configuredDirectory);
        if (SpecsFolder is null)
        {
            logger.LogWarning("{Channel} simulator: official spec folder not found (set {Env}); request validation is OFF.",
                channel, SpecsDirectory.EnvironmentVariable);
            return;
        }
        foreach (var (prefix, file) in documents) _documents.Add((prefix, OpenApiDocument.Load(Path.Combine(SpecsFolder, file))));
        foreach (var (name, file) in schemas)
        {
            _schemas[name] = new JsonSchemaValidator(JsonNode.Parse(File.ReadAllText(Path.Combine(SpecsFolder, file)))!);
        }
        logger.LogInformation("{Channel} simulator validates requests against the specs in {Folder}.", channel, SpecsFolder);
    }

    /// <summary>Null when validation is off.</summary>
    public string? SpecsFolder { get; }

    public bool Enabled => SpecsFolder is not null;

    public IReadOnlyList<RecordedViolation> Recorded => [.. _recorded];

    public void ClearRecorded() => _recorded.Clear();

    /// <summary>Validates one request; <paramref name="specPath"/> is the path as the spec writes it (simulator prefix removed).</summary>
    public IReadOnlyList<SpecViolation> Validate(HttpRequest request, string specPath, string? body)
    {
        if (!Enabled) return [];
        var document = _documents.FirstOrDefault(d => specPath.StartsWith(d.Prefix, StringComparison.Ordinal)).Document;
        if (document is null) return [];
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        var violations = document.Validate(new SpecRequest(request.Method, specPath, query,
            request.ContentType, request.Headers.Accept.ToString(), body));
        Record(request.Method + " " + specPath, violations);
        return violations;
    }

    /// <summary>Validates a document (e.g. an uploaded feed) against a stand-alone JSON Schema.</summary>
    public IReadOnlyList<SpecViolation> ValidateDocument(string schemaName, JsonNode? document, string what)
    {
        if (!Enabled || !_schemas.TryGetValue(schemaName, out var validator)) return [];
        var violations = validator.Validate(document, validator.Root, "");
        Record(what, violations);
        return violations;
    }

    private void Record(string what, IReadOnlyList<SpecViolation> violations)
    {
        foreach (var v in violations) _recorded.Enqueue(new RecordedViolation(what, v));
    }
}
