using System.Text;
using Cortex.Responders.Jobs;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Responders.Tests.Jobs;

[TestFixture]
public sealed class JobInputReaderTests
{
    [TestCase("", "the job input (input.json) is empty: it must be the JSON object Cortex writes for the job")]
    [TestCase("\"text\"", "the job input (input.json) must be a JSON object, but it is the string \"text\"")]
    [TestCase("null", "the job input (input.json) must be a JSON object, but it is null")]
    [TestCase("{\"a\": }", "the job input (input.json) is not valid JSON as Cortex writes it: a character is an invalid start of a value (line 1, column 7)")]
    [TestCase("{\"a\": undefined}", "the job input (input.json) is not valid JSON as Cortex writes it: a character is an invalid start of a value (line 1, column 7)")]
    public void BrokenInputIsRefusedWithWhatToFix(string text, string message)
    {
        var parse = () => JobInputReader.Parse(Encoding.UTF8.GetBytes(text), "input.json");

        parse.Should().Throw<JobInputException>().WithMessage(message);
    }

    [Test]
    public void DeepNestingWithinReasonIsAccepted()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        var input = JobInputReader.Parse(Encoding.UTF8.GetBytes(text), "input.json");

        var path = string.Join('.', Enumerable.Repeat("a", 100));
        ((int?)input.SelectToken(path)).Should().Be(1, "the innermost value is read, 100 levels down");
    }

    [Test]
    public void AbsurdNestingIsAnErrorNotACrash()
    {
        var text = string.Concat(Enumerable.Repeat("[", 100_000));

        var parse = () => JobInputReader.Parse(Encoding.UTF8.GetBytes("{\"a\":" + text), "input.json");

        parse.Should().Throw<JobInputException>().WithMessage("*not valid JSON*depth*");
    }

    [TestCase(0, TestName = "InvalidUtf8IsLocatedByItsByteOffset(at the start)")]
    [TestCase(65_535, TestName = "InvalidUtf8IsLocatedByItsByteOffset(across the first read block)")]
    [TestCase(200_001, TestName = "InvalidUtf8IsLocatedByItsByteOffset(far in)")]
    public void InvalidUtf8IsLocatedByItsByteOffset(int padding)
    {
        // "é" (2 bytes) repeated keeps valid multi-byte sequences across block boundaries before the bad byte.
        var prefix = Encoding.UTF8.GetBytes("{\"a\":\"" + new string('é', padding / 2) + new string('x', padding % 2));
        byte[] bytes = [.. prefix, 0xFF, .. "\"}"u8];

        var parse = () => JobInputReader.Parse(bytes, "input.json");

        parse.Should().Throw<JobInputException>().WithMessage($"the job input (input.json) is not valid UTF-8 (bad byte at offset {prefix.Length}): *");
    }

    [Test]
    public void ByteOrderMarkIsSkipped()
    {
        JobInputReader.Parse([0xEF, 0xBB, 0xBF, .. "{\"dataType\": \"thehive:case\"}"u8], "input.json")["dataType"]!.ToString().Should().Be("thehive:case");
    }
}
