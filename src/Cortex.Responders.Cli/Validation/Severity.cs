namespace Cortex.Responders.Cli.Validation;

/// <summary>An error is what makes Cortex drop, ignore or fail the responder; a warning is what it survives.</summary>
internal enum Severity
{
    Warning,
    Error,
}
