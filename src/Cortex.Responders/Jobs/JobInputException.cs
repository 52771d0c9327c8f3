namespace Cortex.Responders.Jobs;

/// <summary>The job input cannot be read or is not a JSON object; the message says what to fix.</summary>
internal sealed class JobInputException(string message) : Exception(message);
