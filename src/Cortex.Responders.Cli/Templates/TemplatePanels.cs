using System.Text.RegularExpressions;
using Cortex.Responders.Cli.Validation;

namespace Cortex.Responders.Cli.Templates;

/// <summary>
/// The two panels a template needs, as Cortex-Analyzers' templates have had them since March 2026: one shown when
/// the job succeeded (<c>ng-if="success"</c>), one when it failed (<c>ng-if="!success"</c>) that shows
/// <c>content.errorMessage</c>, since TheHive gives a failed job's error as the content.
/// </summary>
internal static partial class TemplatePanels
{
    public static IEnumerable<Finding> Check(string file, string template)
    {
        var text = Comment().Replace(template, string.Empty);
        if (!SuccessPanel().IsMatch(text))
        {
            yield return TemplateRules.NoSuccessPanel.At(file, 0, "$");
        }

        if (!ErrorPanels(text).Any(panel => panel.Contains("content.errorMessage", StringComparison.Ordinal)))
        {
            yield return TemplateRules.NoErrorPanel.At(file, 0, "$");
        }
    }

    /// <summary>The text of each element whose ng-if is <c>!success</c>, from its opening tag to its matching end tag.</summary>
    private static IEnumerable<string> ErrorPanels(string text)
    {
        foreach (Match match in ErrorPanel().Matches(text))
        {
            var tag = match.Groups["tag"].Value;
            var depth = 0;
            var end = text.Length;
            foreach (Match other in Tag(tag).Matches(text, match.Index))
            {
                depth += other.Value.StartsWith("</", StringComparison.Ordinal) ? -1 : other.Value.EndsWith("/>", StringComparison.Ordinal) ? 0 : 1;
                if (depth == 0)
                {
                    end = other.Index + other.Length;
                    break;
                }
            }

            yield return text[match.Index..end];
        }
    }

    private static Regex Tag(string name) => new($@"</?{Regex.Escape(name)}\b[^>]*>", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<[A-Za-z][\w-]*\b[^>]*\bng-if\s*=\s*[""']\s*success\s*[""'][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex SuccessPanel();

    [GeneratedRegex(@"<(?<tag>[A-Za-z][\w-]*)\b[^>]*\bng-if\s*=\s*[""']\s*!\s*success\s*[""'][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorPanel();
}
