using FluentAssertions;
using Newtonsoft.Json;
using NUnit.Framework;

namespace Cortex.Responders.Tests;

/// <summary>Each typed operation writes exactly the fields TheHive parses.</summary>
[TestFixture]
public sealed class OperationTests
{
    public static IEnumerable<TestCaseData> Typed()
    {
        yield return Case(Operation.AddTagToCase("mail sent"), """{"type":"AddTagToCase","tag":"mail sent"}""");
        yield return Case(Operation.AddTagToArtifact("blocked"), """{"type":"AddTagToArtifact","tag":"blocked"}""");
        yield return Case(Operation.AddTagToAlert("triaged"), """{"type":"AddTagToAlert","tag":"triaged"}""");
        yield return Case(Operation.MarkAlertAsRead(), """{"type":"MarkAlertAsRead"}""");
        yield return Case(Operation.AddCustomFields("phishFeedback", "Phishing"), """{"type":"AddCustomFields","name":"phishFeedback","tpe":"string","value":"Phishing"}""");
        yield return Case(Operation.AddCustomFields("hits", 3L), """{"type":"AddCustomFields","name":"hits","tpe":"integer","value":3}""");
        yield return Case(Operation.AddCustomFields("score", 0.5), """{"type":"AddCustomFields","name":"score","tpe":"float","value":0.5}""");
        yield return Case(Operation.AddCustomFields("notified", true), """{"type":"AddCustomFields","name":"notified","tpe":"boolean","value":true}""");
        yield return Case(
            Operation.AddCustomFields("blockedAt", new DateTimeOffset(2020, 6, 26, 7, 32, 0, TimeSpan.Zero)),
            """{"type":"AddCustomFields","name":"blockedAt","tpe":"date","value":1593156720000}""");
        yield return Case(Operation.CreateTask("Block sender", "On every gateway"), """{"type":"CreateTask","title":"Block sender","description":"On every gateway"}""");
        yield return Case(Operation.CloseTask(), """{"type":"CloseTask"}""");
        yield return Case(Operation.AddLogToTask("Mail sent"), """{"type":"AddLogToTask","content":"Mail sent"}""");
        yield return Case(Operation.AddLogToTask("Mail sent", "bot@soc.example"), """{"type":"AddLogToTask","content":"Mail sent","owner":"bot@soc.example"}""");
        yield return Case(Operation.AssignCase("analyst@soc.example"), """{"type":"AssignCase","owner":"analyst@soc.example"}""");
        yield return Case(
            Operation.AddArtifactToCase("evil.example", "domain", "from the mail"),
            """{"type":"AddArtifactToCase","data":"evil.example","dataType":"domain","message":"from the mail"}""");
        yield return Case(
            Operation.AddArtifactToCase("evil.example", "domain", "from the mail", tlp: 3, ioc: true, sighted: false, ignoreSimilarity: true, tags: ["phishing"]),
            """{"type":"AddArtifactToCase","data":"evil.example","dataType":"domain","message":"from the mail","tlp":3,"ioc":true,"sighted":false,"ignoreSimilarity":true,"tags":["phishing"]}""");

        static TestCaseData Case(Operation operation, string json) => new TestCaseData(operation, json).SetName($"TypedOperationWritesTheFieldsTheHiveReads({operation.Type}: {json})");
    }

    [TestCaseSource(nameof(Typed))]
    public void TypedOperationWritesTheFieldsTheHiveReads(Operation operation, string json)
    {
        operation.ToJson().ToString(Formatting.None).Should().Be(json);
        operation.ToString().Should().Be(json);
    }

    [Test]
    public void EmptyRequiredFieldsAreRefusedWhenBuilt()
    {
        ((Action)(() => Operation.AddTagToCase(" "))).Should().Throw<ArgumentException>();
        ((Action)(() => Operation.CreateTask("", "x"))).Should().Throw<ArgumentException>();
        ((Action)(() => Operation.AssignCase(""))).Should().Throw<ArgumentException>();
        ((Action)(() => Operation.AddArtifactToCase("x", "ip", "m", tlp: 5))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void ToJsonReturnsACopy()
    {
        var operation = Operation.AddTagToCase("a");
        operation.ToJson()["tag"] = "changed";

        operation.ToString().Should().Be("""{"type":"AddTagToCase","tag":"a"}""");
    }
}
