using Cortex.Responders.TestSupport;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Contract.Tests;

/// <summary>The typed factories, their documentation and the report checks all say what the catalogue says.</summary>
[TestFixture]
public sealed partial class OperationCatalogTests
{
    private static readonly XDocument Documentation = XDocument.Load(Path.ChangeExtension(typeof(Operation).Assembly.Location, ".xml"));

    private static IEnumerable<TestCaseData> Factories() =>
        typeof(Operation).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.ReturnType == typeof(Operation))
            .Select(method => new TestCaseData(method).SetName($"EveryFactoryDocumentsWhereItAppliesAsTheCatalogueDoes({Signature(method)})"));

    [TestCaseSource(nameof(Factories))]
    public void EveryFactoryDocumentsWhereItAppliesAsTheCatalogueDoes(MethodInfo factory)
    {
        var remarks = Member(factory).Element("remarks")?.Value ?? string.Empty;
        var documented = DataType().Matches(remarks).Select(match => match.Value).ToArray();
        var expected = factory.Name == nameof(Operation.AddTag)
            ? DataTypes.TheHiveObjects
            : OperationCatalog.Find(factory.Name)!.AppliesTo;

        remarks.Should().StartWith("Applies after a job on:", "each factory says where TheHive applies it");
        documented.Should().BeEquivalentTo(expected, "the documentation of {0} must follow the catalogue", factory.Name);
    }

    [Test]
    public void EveryOperationTypeHasATypedFactoryNamedAfterIt()
    {
        var factories = typeof(Operation).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(method => method.Name).ToHashSet();

        OperationCatalog.All.Select(definition => definition.Type).Should().OnlyContain(type => factories.Contains(type));
    }

    private static IEnumerable<TestCaseData> Samples()
    {
        yield return Sample(Operation.AddTagToCase("t"));
        yield return Sample(Operation.AddTagToAlert("t"));
        yield return Sample(Operation.AddTagToArtifact("t"));
        yield return Sample(Operation.MarkAlertAsRead());
        yield return Sample(Operation.AddCustomFields("f", "v"));
        yield return Sample(Operation.AddCustomFields("f", 3L));
        yield return Sample(Operation.AddCustomFields("f", 2.5));
        yield return Sample(Operation.AddCustomFields("f", true));
        yield return Sample(Operation.AddCustomFields("f", DateTimeOffset.UnixEpoch));
        yield return Sample(Operation.CreateTask("title", "description"));
        yield return Sample(Operation.CloseTask());
        yield return Sample(Operation.AddLogToTask("content"));
        yield return Sample(Operation.AddLogToTask("content", "analyst"));
        yield return Sample(Operation.AssignCase("analyst"));
        yield return Sample(Operation.AddArtifactToCase("1.2.3.4", "ip", "seen", tlp: 2, ioc: true, sighted: false, ignoreSimilarity: true, tags: ["a"]));

        static TestCaseData Sample(Operation operation) => new TestCaseData(operation).SetName($"EveryFactoryBuildsWhatTheCheckAccepts({operation})");
    }

    [TestCaseSource(nameof(Samples))]
    public void EveryFactoryBuildsWhatTheCheckAccepts(Operation operation)
    {
        var definition = OperationCatalog.Find(operation.Type)!;

        foreach (var dataType in DataTypes.TheHiveObjects)
        {
            var problems = OperationCatalog.Check(operation.ToJson(), dataType);
            if (definition.AppliesToDataType(dataType))
            {
                problems.Should().BeEmpty("{0} applies to {1}", operation, dataType);
                operation.AppliesTo(dataType).Should().BeTrue();
            }
            else
            {
                problems.Should().ContainSingle().Which.Should().Contain("TheHive rejects it");
                operation.AppliesTo(dataType).Should().BeFalse();
            }
        }
    }

    [TestCase(DataTypes.Case, "AddTagToCase")]
    [TestCase(DataTypes.Task, "AddTagToCase")]
    [TestCase(DataTypes.TaskLog, "AddTagToCase")]
    [TestCase(DataTypes.Alert, "AddTagToAlert")]
    [TestCase(DataTypes.Observable, "AddTagToArtifact")]
    public void AddTagPicksTheOperationTheHiveAppliesToTheJobsObject(string dataType, string type)
    {
        var operation = Operation.AddTag(dataType, "mail sent");

        operation.ToJson().ShouldBeJson(new JObject { ["type"] = type, ["tag"] = "mail sent" });
        operation.AppliesTo(dataType).Should().BeTrue();
    }

    [TestCase("ip")]
    [TestCase("thehive:observable")]
    public void AddTagRefusesWhatIsNotATheHiveObject(string dataType)
    {
        var tag = () => Operation.AddTag(dataType, "x");

        tag.Should().Throw<ArgumentException>().WithMessage("*thehive:case*");
    }

    [TestCase("""{"type": "CloseTask"}""", DataTypes.Task, "CloseTask acts on the task of the job's task log (TheHive finds a task from a task log only), so it cannot follow a job on thehive:case_task: TheHive rejects it", TestName = "CheckSaysWhatTheHiveRejects(CloseTask on a task)")]
    [TestCase("""{"type": "AddLogToTask", "content": "x"}""", DataTypes.Task, "so it cannot follow a job on thehive:case_task", TestName = "CheckSaysWhatTheHiveRejects(AddLogToTask on a task)")]
    [TestCase("""{"type": "AddTagToCase", "tag": "x"}""", DataTypes.Alert, "so it cannot follow a job on thehive:alert", TestName = "CheckSaysWhatTheHiveRejects(AddTagToCase on an alert)")]
    [TestCase("""{"type": "AddTagToCase", "tag": "x"}""", DataTypes.Observable, "so it cannot follow a job on thehive:case_artifact", TestName = "CheckSaysWhatTheHiveRejects(AddTagToCase on an observable)")]
    [TestCase("""{"type": "AddTagToCasee", "tag": "x"}""", DataTypes.Case, "unknown type \"AddTagToCasee\"", TestName = "CheckSaysWhatTheHiveRejects(unknown type)")]
    [TestCase("""{"tag": "x"}""", DataTypes.Case, "no \"type\"", TestName = "CheckSaysWhatTheHiveRejects(no type)")]
    [TestCase("""["AddTagToCase"]""", DataTypes.Case, "an operation must be an object, not an array", TestName = "CheckSaysWhatTheHiveRejects(not an object)")]
    [TestCase("""{"type": "CreateTask", "title": "x"}""", DataTypes.Case, "CreateTask needs \"description\"", TestName = "CheckSaysWhatTheHiveRejects(missing field)")]
    [TestCase("""{"type": "CreateTask", "title": "x", "description": null}""", DataTypes.Case, "CreateTask needs \"description\"", TestName = "CheckSaysWhatTheHiveRejects(null field)")]
    [TestCase("""{"type": "AddTagToCase", "tag": 3}""", DataTypes.Case, "AddTagToCase \"tag\" must be a string", TestName = "CheckSaysWhatTheHiveRejects(number for text)")]
    [TestCase("""{"type": "AddCustomFields", "name": "n", "tpe": "color", "value": 1}""", DataTypes.Case, "AddCustomFields \"tpe\" must be one of string, integer, float, boolean, date", TestName = "CheckSaysWhatTheHiveRejects(custom field type)")]
    [TestCase("""{"type": "AddArtifactToCase", "data": "d", "dataType": "ip", "message": "m", "tlp": "2"}""", DataTypes.Case, "AddArtifactToCase \"tlp\" must be a whole number", TestName = "CheckSaysWhatTheHiveRejects(tlp as text)")]
    [TestCase("""{"type": "AddArtifactToCase", "data": "d", "dataType": "ip", "message": "m", "tags": ["a", 1]}""", DataTypes.Case, "AddArtifactToCase \"tags\" must be an array of strings", TestName = "CheckSaysWhatTheHiveRejects(tags not strings)")]
    public void CheckSaysWhatTheHiveRejects(string operation, string dataType, string problem)
    {
        OperationCatalog.Check(CortexJson.Parse(operation), dataType).Should().ContainSingle().Which.Should().Contain(problem);
    }

    [Test]
    public void ACustomFieldMayBeClearedWithNull()
    {
        OperationCatalog.Check(CortexJson.Parse("""{"type": "AddCustomFields", "name": "n", "tpe": "string", "value": null}"""), DataTypes.Case).Should().BeEmpty();
    }

    private static XElement Member(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var id = $"M:{method.DeclaringType!.FullName}.{method.Name}" + (parameters.Length == 0 ? string.Empty : $"({string.Join(',', parameters.Select(p => DocName(p.ParameterType)))})");
        return Documentation.Descendants("member").SingleOrDefault(member => (string?)member.Attribute("name") == id)
            ?? throw new AssertionException($"{id} has no documentation");
    }

    private static string DocName(Type type) => Nullable.GetUnderlyingType(type) is { } inner
        ? $"System.Nullable{{{DocName(inner)}}}"
        : type.IsGenericType
            ? $"{type.GetGenericTypeDefinition().FullName![..type.GetGenericTypeDefinition().FullName!.IndexOf('`')]}{{{string.Join(',', type.GetGenericArguments().Select(DocName))}}}"
            : type.FullName!;

    private static string Signature(MethodInfo method) => $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";

    [GeneratedRegex(@"thehive:[a-z_]+")]
    private static partial Regex DataType();
}
