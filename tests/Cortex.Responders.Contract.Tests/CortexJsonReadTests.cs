using System.Text;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Contract.Tests;

/// <summary>The one reader: what Cortex's Jackson refuses is refused, whatever Newtonsoft would let through.</summary>
[TestFixture]
public sealed class CortexJsonReadTests
{
    [TestCase("nul", TestName = "ABadLiteralIsPlacedNotQuoted(nul)")]
    [TestCase("tru", TestName = "ABadLiteralIsPlacedNotQuoted(tru)")]
    [TestCase("fals", TestName = "ABadLiteralIsPlacedNotQuoted(fals)")]
    [TestCase("n", TestName = "ABadLiteralIsPlacedNotQuoted(n)")]
    [TestCase("new Date(1)", TestName = "ABadLiteralIsPlacedNotQuoted(constructor)")]
    [TestCase("x", TestName = "ABadLiteralIsPlacedNotQuoted(a letter)")]
    public void ABadLiteralIsPlacedNotQuoted(string literal)
    {
        var text = $"{{\"data\": {literal}, \"config\": {{\"api_key\": \"s3cr3t-Tr0ub4dor\"}}}}";

        var parse = () => CortexJson.Parse(text);

        var message = parse.Should().Throw<CortexJsonException>().Which.Message;
        message.Should().NotContain("s3cr3t").And.NotContain("config").And.NotContain("data", "no input text is quoted, only the place and what was expected");
        message.Should().MatchRegex(@"\(line 1, column \d+\)$");
    }

    [TestCase("{\"a\": 1 // comment\n}", TestName = "NotJsonIsRefused(line comment)")]
    [TestCase("{\"a\": 1 /* comment */}", TestName = "NotJsonIsRefused(block comment)")]
    [TestCase("{'a': 1}", TestName = "NotJsonIsRefused(single quotes)")]
    [TestCase("{a: 1}", TestName = "NotJsonIsRefused(unquoted name)")]
    [TestCase("{\"a\": [1, 2,]}", TestName = "NotJsonIsRefused(trailing comma in an array)")]
    [TestCase("{\"a\": 1,}", TestName = "NotJsonIsRefused(trailing comma in an object)")]
    [TestCase("{\"a\": NaN}", TestName = "NotJsonIsRefused(NaN)")]
    [TestCase("{\"a\": Infinity}", TestName = "NotJsonIsRefused(Infinity)")]
    [TestCase("{\"a\": -Infinity}", TestName = "NotJsonIsRefused(minus Infinity)")]
    [TestCase("{\"a\": undefined}", TestName = "NotJsonIsRefused(undefined)")]
    [TestCase("{\"a\": new Date(1)}", TestName = "NotJsonIsRefused(constructor)")]
    [TestCase("{\"a\": new Foo()}", TestName = "NotJsonIsRefused(unknown constructor)")]
    [TestCase("{\"a\": 0x1F}", TestName = "NotJsonIsRefused(hexadecimal)")]
    [TestCase("{\"a\": 012}", TestName = "NotJsonIsRefused(leading zero)")]
    [TestCase("{\"a\": +1}", TestName = "NotJsonIsRefused(plus sign)")]
    [TestCase("{\"a\": .5}", TestName = "NotJsonIsRefused(bare fraction)")]
    [TestCase("{\"a\": \"tab\there\"}", TestName = "NotJsonIsRefused(raw control character in a string)")]
    [TestCase("{\"a\": 1} {\"b\": 2}", TestName = "NotJsonIsRefused(two values)")]
    [TestCase("{\"a\": 1} x", TestName = "NotJsonIsRefused(text after the value)")]
    [TestCase("{\"a\": 1", TestName = "NotJsonIsRefused(unfinished)")]
    [TestCase("{\"a\": 1e999}", TestName = "NotJsonIsRefused(number beyond double)")]
    public void NotJsonIsRefused(string text)
    {
        // Newtonsoft alone accepts most of these: that is the drift this reader closes.
        var parse = () => CortexJson.Parse(text);

        parse.Should().Throw<CortexJsonException>().Which.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void SyntaxErrorsSayWhere()
    {
        var parse = () => CortexJson.Parse("{\n  \"a\": 1,\n  \"b\": undefined\n}");

        var error = parse.Should().Throw<CortexJsonException>().Which;
        error.Line.Should().Be(3);
        error.Column.Should().Be(8);
        error.Message.Should().EndWith("(line 3, column 8)");
    }

    [Test]
    public void DatesStayTheStringsTheyAre()
    {
        var json = (JObject)CortexJson.Parse("""{"createdAt": "2020-06-26T07:32:00Z", "startDate": 1593156720000, "big": 12345678901234567890123, "pi": 3.14159}""");

        json["createdAt"]!.Type.Should().Be(JTokenType.String);
        ((string)json["createdAt"]!).Should().Be("2020-06-26T07:32:00Z");
        ((long)json["startDate"]!).Should().Be(1593156720000);
        json["big"]!.ToString(Formatting.None).Should().Be("12345678901234567890123");
        ((double)json["pi"]!).Should().Be(3.14159);
    }

    [Test]
    public void NestingUpToTheLimitIsRead()
    {
        var depth = CortexJson.MaxDepth;
        var text = string.Concat(Enumerable.Repeat("[", depth - 1)) + "{}" + new string(']', depth - 1);

        CortexJson.Parse(text).Should().BeOfType<JArray>();
    }

    [Test]
    public void NestingBeyondTheLimitIsAnErrorNotACrash()
    {
        var text = string.Concat(Enumerable.Repeat("[", 200_000));

        var parse = () => CortexJson.Parse(text);

        parse.Should().Throw<CortexJsonException>().Which.Reason.Should().Contain("depth");
    }

    [Test]
    public void TrailingContentIsIgnoredOnlyWhenAsked()
    {
        var lenient = new CortexJsonReadOptions { IgnoreTrailingContent = true };

        CortexJson.Parse("{\"a\": 1} trailing", lenient)["a"]!.Value<int>().Should().Be(1);
        var strict = () => CortexJson.Parse("{\"a\": 1} trailing");
        strict.Should().Throw<CortexJsonException>();
    }

    [Test]
    public void ByteOrderMarkIsRefusedUnlessAllowed()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"a\": 1}"u8];

        var refused = () => CortexJson.Parse(bytes);
        refused.Should().Throw<CortexJsonException>().Which.Reason.Should().Contain("byte order mark");
        CortexJson.Parse(bytes, new CortexJsonReadOptions { AllowByteOrderMark = true })["a"]!.Value<int>().Should().Be(1);
    }

    [TestCase(0)]
    [TestCase(70_000)]
    public void InvalidUtf8IsRefusedWithItsOffset(int padding)
    {
        var prefix = Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', padding));
        byte[] bytes = [.. prefix, 0xFF, .. "\"}"u8];

        var parse = () => CortexJson.Parse(bytes);

        parse.Should().Throw<CortexJsonException>().Which.Message.Should().Contain($"offset {prefix.Length}");
    }

    [Test]
    public void EmptyInputIsRefused()
    {
        var parse = () => CortexJson.Parse("  \n ");

        parse.Should().Throw<CortexJsonException>().Which.Reason.Should().Contain("empty");
    }

    [Test]
    public void ALargeStreamIsReadAcrossBufferBoundaries()
    {
        var big = new string('é', 300_000);
        var text = $"{{\"long\": \"{big}\", \"list\": [{string.Join(',', Enumerable.Range(0, 50_000))}]}}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var json = (JObject)CortexJson.Parse(stream);

        ((string)json["long"]!).Should().Be(big);
        ((JArray)json["list"]!).Should().HaveCount(50_000);
    }

    [Test]
    public void LineInfoIsKeptWhenAsked()
    {
        var json = CortexJson.Parse("{\n  \"name\": \"x\"\n}", new CortexJsonReadOptions { LineInfo = true });

        ((IJsonLineInfo)json["name"]!).LineNumber.Should().Be(2);
    }
}
