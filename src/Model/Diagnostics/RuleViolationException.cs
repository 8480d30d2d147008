namespace Lakehouse.Model.Diagnostics;

/// <summary>
/// Thrown by a model constructor that is handed a value breaking a rule (an IP address for an endpoint, say).
/// The render pipeline turns it into a <see cref="Diagnostic"/> at the definition line that built the value.
/// </summary>
public sealed class RuleViolationException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
