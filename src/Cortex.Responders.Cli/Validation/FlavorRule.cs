using System.Globalization;
using System.Text.RegularExpressions;
using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Validation;

/// <summary>
/// One row of <see cref="FlavorRules"/>: a stable id, a severity, what is wrong and how to fix it. The message and
/// fix may name placeholders (<c>{field}</c>) that <see cref="At(FlavorFile, JToken, string, ValueTuple{string, object}[])"/>
/// fills in; any other brace is text.
/// </summary>
/// <param name="Id">The rule's id, as findings and authors' CI name it (<c>item-type</c>); several rows may share one.</param>
/// <param name="Severity">Error: Cortex drops, empties or cannot run something. Warning: it survives.</param>
/// <param name="Message">What is wrong, and what Cortex does with it.</param>
/// <param name="Fix">What to change.</param>
internal sealed partial record FlavorRule(string Id, Severity Severity, string Message, string Fix)
{
    /// <summary>A finding of this rule at <paramref name="token"/> (its line) of <paramref name="file"/>.</summary>
    public Finding At(FlavorFile file, JToken token, string path, params (string Name, object? Value)[] values) =>
        At(file.Path, token is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0, path, values);

    /// <summary>A finding of this rule in <paramref name="file"/>, at <paramref name="line"/> (0 when none).</summary>
    public Finding At(string file, int line, string path, params (string Name, object? Value)[] values) =>
        new(Severity, Id, file, path, line, Fill(Message, values), Fill(Fix, values));

    // One pass, so that a value holding "{x}" is never filled in turn.
    private static string Fill(string text, (string Name, object? Value)[] values) =>
        Placeholder().Replace(text, match => values.FirstOrDefault(v => v.Name == match.Groups[1].Value) is { Name: not null } found
            ? Convert.ToString(found.Value, CultureInfo.InvariantCulture) ?? "null"
            : match.Value);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
