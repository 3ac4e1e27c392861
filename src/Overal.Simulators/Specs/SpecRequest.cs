using Microsoft.Extensions.Primitives;

namespace Overal.Simulators.Specs;

/// <summary>The parts of an HTTP request a spec speaks about. <paramref name="Path"/> is relative to the spec's base.</summary>
public sealed record SpecRequest(
    string Method, string Path, IReadOnlyDictionary<string, StringValues> Query, string? ContentType, string? Accept, string? Body);
