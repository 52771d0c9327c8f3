using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Validation;

/// <summary>One thing wrong with a flavor file: where (file, JSON path, line), what, and how to fix it.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Rule">A short stable name of the rule, such as <c>item-type</c>.</param>
/// <param name="File">The file.</param>
/// <param name="Path">The JSON path (<c>$.configurationItems[2].type</c>), or <c>$</c>.</param>
/// <param name="Line">The line in the file, 0 when unknown.</param>
/// <param name="Message">What is wrong, and what Cortex does with it.</param>
/// <param name="Fix">What to change.</param>
internal sealed record Finding(Severity Severity, string Rule, string File, string Path, int Line, string Message, string Fix)
{
    public JObject ToJson() => new()
    {
        ["severity"] = Severity.ToString().ToLowerInvariant(),
        ["rule"] = Rule,
        ["file"] = File,
        ["path"] = Path,
        ["line"] = Line,
        ["message"] = Message,
        ["fix"] = Fix,
    };

    /// <summary>The finding for a terminal: two lines, control characters from the flavor or the file name escaped.</summary>
    public override string ToString() =>
        $"{Printable.Escape(File)}{(Line > 0 ? $":{Line}" : string.Empty)}: {Severity.ToString().ToLowerInvariant()} [{Rule}] "
        + $"{Printable.Escape(Path)}: {Printable.Escape(Message)}\n    fix: {Printable.Escape(Fix)}";
}
