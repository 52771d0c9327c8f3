using Cortex.Responders.Jupyter.Jobs;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Jupyter.Tests.Jobs;

/// <summary>The operations a notebook may return: TheHive's types, their fields, the objects they apply to.</summary>
[TestFixture]
public sealed class OperationCheckTests
{
    [TestCase("""{"type":"AddTagToCase","tag":"t"}""", "thehive:case")]
    [TestCase("""{"type":"AddTagToCase","tag":"t"}""", "thehive:case_task_log")]
    [TestCase("""{"type":"AddTagToArtifact","tag":"t"}""", "thehive:case_artifact")]
    [TestCase("""{"type":"AddTagToAlert","tag":"t"}""", "thehive:alert")]
    [TestCase("""{"type":"MarkAlertAsRead"}""", "thehive:alert")]
    [TestCase("""{"type":"AddCustomFields","name":"n","tpe":"string","value":null}""", "thehive:case")]
    [TestCase("""{"type":"CreateTask","title":"t","description":"d"}""", "thehive:case_task")]
    [TestCase("""{"type":"CloseTask"}""", "thehive:case_task_log")]
    [TestCase("""{"type":"AddLogToTask","content":"c"}""", "thehive:case_task_log")]
    [TestCase("""{"type":"AssignCase","owner":"o"}""", "thehive:case")]
    [TestCase("""{"type":"AddArtifactToCase","data":"1.2.3.4","dataType":"ip","message":"m","tlp":2}""", "thehive:case")]
    public void AcceptedOperations(string operation, string dataType) => OperationCheck.Problem(JObject.Parse(operation), dataType).Should().BeNull();

    [TestCase("""{"tag":"t"}""", "thehive:case", "no \"type\"")]
    [TestCase("""{"type":"Nope"}""", "thehive:case", "knows no operation \"Nope\"")]
    [TestCase("""{"type":"AddTagToCase","tag":null}""", "thehive:case", "needs \"tag\"")]
    [TestCase("""{"type":"AddTagToCase","tag":"t"}""", "thehive:alert", "only to thehive:case, thehive:case_task, thehive:case_task_log")]
    [TestCase("""{"type":"CloseTask"}""", "thehive:case_task", "only to thehive:case_task_log")]
    [TestCase("""{"type":"AddArtifactToCase","data":"x","dataType":"ip"}""", "thehive:case", "needs \"message\"")]
    public void RejectedOperationsSayWhy(string operation, string dataType, string reason) =>
        OperationCheck.Problem(JObject.Parse(operation), dataType).Should().Contain(reason);
}
