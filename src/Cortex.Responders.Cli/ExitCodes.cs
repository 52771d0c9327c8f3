namespace Cortex.Responders.Cli;

/// <summary>What cortex-responder exits with, for every verb.</summary>
internal static class ExitCodes
{
    /// <summary>The check passed or the job succeeded.</summary>
    public const int Ok = 0;

    /// <summary>The check found errors (or warnings, with <c>validate --strict</c>), or the job failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: an unknown verb or option, a missing or unreadable argument; said on standard error.</summary>
    public const int Usage = 2;
}
