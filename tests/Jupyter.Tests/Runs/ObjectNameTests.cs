using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter.Runs;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Jupyter.Tests.Runs;

/// <summary>The executed notebooks are named after the TheHive object as the original names them.</summary>
[TestFixture]
public sealed class ObjectNameTests
{
    [TestCase("thehive-case.json", "case-41156688")]
    [TestCase("thehive-alert.json", "alert-82604136")]
    [TestCase("thehive-case-artifact.json", "case-41156688-observable-8392")]
    [TestCase("thehive-case-task.json", "case-41156688-task-4120")]
    [TestCase("thehive-case-task-log.json", "case-41156688-task-4120-log-9001")]
    public void EachDataTypeIsNamedAsTheOriginalNamesIt(string fixture, string name)
    {
        var input = CortexJob.ReadJson(File.ReadAllText(Repository.Fixture(fixture)))!;

        ObjectName.Of((string)input["dataType"]!, input["data"]!).Should().Be(name);
    }

    [Test]
    public void AnObservableWithoutItsCaseKeepsItsOwnId() =>
        ObjectName.Of("thehive:case_artifact", JObject.Parse("""{"id": "~123"}""")).Should().Be("observable-123");

    [Test]
    public void IdsCannotLeaveTheOutputFolder() =>
        ObjectName.Of("thehive:case", JObject.Parse("""{"id": "../../etc/x"}""")).Should().Be("case-_.._etc_x");

    [Test]
    public void AnObjectWithoutAnIdHasNoName() => ObjectName.Of("thehive:case", JObject.Parse("""{"title": "t"}""")).Should().BeNull();
}
