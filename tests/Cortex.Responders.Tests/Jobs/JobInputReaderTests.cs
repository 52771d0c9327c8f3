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
    [TestCase("{\"a\": }", "the job input (input.json) is not valid JSON: Unexpected character encountered while parsing value: }. Path 'a', line 1, position 6.")]
    public void BrokenInputIsRefusedWithWhatToFix(string text, string message)
    {
        var parse = () => JobInputReader.Parse(Encoding.UTF8.GetBytes(text), "input.json");

        parse.Should().Throw<JobInputException>().WithMessage(message);
    }

    [Test]
    public void DeepNestingWithinReasonIsAccepted()
    {
        var text = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        JobInputReader.Parse(Encoding.UTF8.GetBytes(text), "input.json").Should().NotBeNull();
    }

    [Test]
    public void AbsurdNestingIsAnErrorNotACrash()
    {
        var text = string.Concat(Enumerable.Repeat("[", 100_000));

        var parse = () => JobInputReader.Parse(Encoding.UTF8.GetBytes("{\"a\":" + text), "input.json");

        parse.Should().Throw<JobInputException>().WithMessage("*not valid JSON*depth*");
    }
}
