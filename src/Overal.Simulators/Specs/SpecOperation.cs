using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Overal.Simulators.Specs;

/// <summary>One operation of a spec, with its path and shared parameters merged.</summary>
public sealed record SpecOperation(
    string Method, string Path, string OperationId, Regex Matcher, IReadOnlyList<JsonObject> Parameters,
    JsonObject Operation, IReadOnlyList<string> Consumes);
