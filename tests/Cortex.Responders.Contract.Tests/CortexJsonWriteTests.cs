using System.Text;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Contract.Tests;

/// <summary>The one writer: it writes JSON Cortex reads back, or nothing.</summary>
[TestFixture]
public sealed class CortexJsonWriteTests
{
    private static IEnumerable<TestCaseData> NotJson()
    {
        yield return new TestCaseData(new JRaw("undefined")).SetName("ValuesJsonCannotCarryAreRefused(raw)");
        yield return new TestCaseData(JValue.CreateUndefined()).SetName("ValuesJsonCannotCarryAreRefused(undefined)");
        yield return new TestCaseData(new JConstructor("Date", 1)).SetName("ValuesJsonCannotCarryAreRefused(constructor)");
        yield return new TestCaseData(new JValue(double.NaN)).SetName("ValuesJsonCannotCarryAreRefused(NaN)");
        yield return new TestCaseData(new JValue(double.PositiveInfinity)).SetName("ValuesJsonCannotCarryAreRefused(infinity)");
        yield return new TestCaseData(JValue.CreateComment("c")).SetName("ValuesJsonCannotCarryAreRefused(comment)");
    }

    [TestCaseSource(nameof(NotJson))]
    public void ValuesJsonCannotCarryAreRefused(JToken bad)
    {
        var document = new JObject { ["ok"] = 1, ["deep"] = new JObject { ["list"] = new JArray(1, bad) } };

        var write = () => CortexJson.Serialize(document);

        write.Should().Throw<ArgumentException>().WithMessage("*deep.list[1]*");
    }

    [Test]
    public void OutputIsCompactUtf8WithNonAsciiUnescaped()
    {
        var bytes = CortexJson.Serialize(new JObject { ["tag"] = "mail sent é 日本 😀", ["n"] = 1, ["x"] = null });

        bytes.AsSpan(0, 1)[0].Should().Be((byte)'{', "no byte order mark");
        Encoding.UTF8.GetString(bytes).Should().Be("{\"tag\":\"mail sent é 日本 😀\",\"n\":1,\"x\":null}");
    }

    [Test]
    public void WhatIsWrittenIsReadBackTheSame()
    {
        var text = """{"s":"a\"b\\c\nd\u0001","n":-12.5e3,"i":9007199254740993,"big":123456789012345678901234567890,"b":[true,false,null],"o":{"":{}}}""";
        var original = CortexJson.Parse(text);

        var again = CortexJson.Parse(CortexJson.Serialize(original));

        JToken.DeepEquals(original, again).Should().BeTrue();
    }

    [Test]
    public void AnyDepthIsWrittenWithoutOverflowingTheStack()
    {
        JToken root = new JArray();
        var inner = (JArray)root;
        for (var i = 0; i < 100_000; i++)
        {
            var next = new JArray();
            inner.Add(next);
            inner = next;
        }

        var bytes = CortexJson.Serialize(new JObject { ["deep"] = root });

        bytes.Length.Should().Be("{\"deep\":".Length + (2 * 100_001) + 1);
    }
}
