namespace Overal.Simulators.Specs;

/// <summary>Where a request breaks its operation's spec.</summary>
/// <param name="Name">The parameter or body path that is wrong, e.g. <c>amount</c>, <c>patches[0].op</c>, <c>page</c>.</param>
public sealed record SpecViolation(string Name, string Reason, SpecViolationKind Kind = SpecViolationKind.Input);

public enum SpecViolationKind
{
    /// <summary>A parameter or body value the spec does not allow (400).</summary>
    Input,

    /// <summary>The request's Content-Type is not one the operation consumes (415).</summary>
    ContentType,

    /// <summary>The request's Accept header matches nothing the operation produces (406).</summary>
    Accept,
}
