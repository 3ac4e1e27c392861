namespace Overal.Simulators.Specs;

/// <summary>A violation together with the request it was found in.</summary>
public sealed record RecordedViolation(string Request, SpecViolation Violation);
