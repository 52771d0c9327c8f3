using System.Text.RegularExpressions;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Tests;

/// <summary>
/// The line-length rule of the product code, which no analyzer keeps: a line is at most 180 characters, unless what
/// makes it longer is one string literal of its own (a message reads, and is found by grep, whole).
/// </summary>
[TestFixture]
public sealed partial class SourceStyleTests
{
    private const int MaxLine = 180;

    private static readonly string[] ProductFolders = ["src", "responders", "analyzers", "templates/content"];

    [Test]
    public void NoProductLineIsLongerThanTheRuleAllows()
    {
        var found = new List<string>();
        foreach (var file in ProductFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories)))
        {
            var relative = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "obj" or "bin" || part.EndsWith(".Tests", StringComparison.Ordinal)))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (TooLong(lines[i]))
                {
                    found.Add($"{relative}:{i + 1} ({lines[i].Length} characters)");
                }
            }
        }

        found.Should().BeEmpty($"a product line is at most {MaxLine} characters, beside one string literal of its own: wrap the code around it");
    }

    [TestCase("        var x = 1;", false)]
    [TestCase("        Error($\"a long message that says what to fix, and says it at length so that the line is much longer than the rule, which is fine: {value}\");", false)]
    [TestCase("        var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException(nameof(answer));", true)]
    public void TheRuleTellsCodeFromMessages(string line, bool tooLong) => TooLong(line).Should().Be(tooLong);

    private static bool TooLong(string line)
    {
        if (line.Length <= MaxLine)
        {
            return false;
        }

        var longest = Literal().Matches(line).Select(m => m.Length).DefaultIfEmpty(0).Max();
        return longest < 40 || line.Length - longest > MaxLine;
    }

    [GeneratedRegex("""\$?@?"(?:[^"\\]|\\.)*"|\$*"{3}.*?"{3}""")]
    private static partial Regex Literal();
}
