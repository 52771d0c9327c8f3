using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter;

/// <summary>The responder's one way to put a text (a traceback, a server's message) on the single line Cortex shows.</summary>
internal static class OneLine
{
    /// <summary><paramref name="text"/>'s lines, trimmed and joined by one space, blank lines left out.</summary>
    public static string Of(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
