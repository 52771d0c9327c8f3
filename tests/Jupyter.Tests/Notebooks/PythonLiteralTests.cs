using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Notebooks;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Jupyter.Tests.Notebooks;

/// <summary>Every literal, evaluated by Python, gives back the JSON it was written from.</summary>
[TestFixture]
public sealed class PythonLiteralTests
{
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-17", "12345678901234567890", "-98765432109876543210123", "1.5", "1.0", "-0.0", "1e-7", "6.02e+23", "1.7976931348623157e308",
        "\"\"", "\"plain\"", "\"double \\\" and single ' quotes, ''' and \\\"\\\"\\\"\"", "\"back\\\\slash \\\\n \\\\u0041 \\\\\"",
        "\"line\\nfeed\\r\\ncrlf\\ttab\\u000b\\u000c\\u0000nul\\u0001\\u001f\\u007f\\u0085\\u2028\\u2029\\ufeff\"",
        "\"Zoë – 請求書 №131315 🎣 \\ud83c\\udfa3 \\ud800 lone \\udc00\"",
        "\"{braces} %s %(name)s f'{x}' $HOME `id`\"",
        "[]", "{}", "[1, [2, [3, []]], {\"a\": {\"b\": {}}}]",
        "{\"key with \\\"quotes\\\"\": null, \"é\": [true, false], \"\": \"empty key\", \"nested\": {\"list\": [1.25, \"x\\ny\"]}}",
    ];

    [Test]
    public async Task PythonEvaluatesEachLiteralToTheSameJson()
    {
        var tokens = Values.Select(v => JToken.Parse(v)).ToList();
        var literals = string.Join('\n', tokens.Select(PythonLiteral.Of));
        var script = "import sys, json\nfor line in sys.stdin.read().split('\\n'):\n    print(json.dumps(eval(line)))";

        var lines = (await Python.RunAsync(script, literals)).TrimEnd('\n').Split('\n');

        lines.Should().HaveCount(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            using var reader = new JsonTextReader(new StringReader(lines[i])) { DateParseHandling = DateParseHandling.None };
            var back = JToken.ReadFrom(reader);
            JToken.DeepEquals(back, tokens[i]).Should().BeTrue($"{Values[i]} was written {PythonLiteral.Of(tokens[i])} and came back {lines[i]}");
        }
    }

    [Test]
    public void LiteralsStayOnOneLineAndKeepReadableText()
    {
        var literal = PythonLiteral.Of(JToken.Parse("{\"t\": \"a\\nb\\u2028c Zoë 🎣\"}"));

        literal.Should().Be("{\"t\": \"a\\nb\\u2028c Zoë 🎣\"}");
    }

    [Test]
    public void WholeFloatsStayFloats() => PythonLiteral.Of(new JValue(3.0)).Should().Be("3.0");
}
