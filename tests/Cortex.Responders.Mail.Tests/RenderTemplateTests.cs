using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Mail.Tests;

/// <summary>RenderTemplate: the TheHive object's fields at the root, the job under <c>job</c>, strict placeholders, errors that say where.</summary>
[TestFixture]
public sealed class RenderTemplateTests
{
    [Test]
    public async Task ObjectFieldsAreAtTheRootAndTheJobUnderJob()
    {
        var result = await RunAsync(
            "thehive-case.json",
            "{{ title }} #{{ caseId }} [{{ tags | array.join \",\" }}] {{ job.dataType }} TLP {{ job.tlp }} PAP {{ job.pap }} by {{ job.user }} ({{ job.organisation }})");

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["text"]).Should().Be(
            "Phishing report from user #157 [phishing,mail:reporter@corp.example,user_email:reporter@corp.example] thehive:case TLP 2 PAP 2 by analyst@soc.example (soc)");
    }

    [Test]
    public async Task ValuesGivenByTheResponderAreAtTheRoot()
    {
        var result = await RunAsync("thehive-case.json", "See {{ link }} about case {{ caseId }}", new JObject { ["link"] = "https://intranet.corp.example/phishing" });

        ((string?)result.Full!["text"]).Should().Be("See https://intranet.corp.example/phishing about case 157");
    }

    [TestCase("thehive-case.json", "Case #157: Phishing report from user")]
    [TestCase("thehive-alert.json", "Alert: Invoice No. #131315")]
    [TestCase("thehive-case-artifact.json", "Observable mail: noreplies@tele.example (case #157)")]
    [TestCase("thehive-case-task.json", "Task: [Communication] Reply and acknowledge the user (case #157)")]
    [TestCase("thehive-case-task-log.json", "Log of task: [Containment] Block e-mail addresses (case #157)")]
    public async Task JobLabelNamesTheObjectOnOneLine(string fixture, string label)
    {
        var result = await RunAsync(fixture, "{{ job.label }}");

        ((string?)result.Full!["text"]).Should().Be(label);
    }

    [TestCase("Block {{ sender }}", "body_template cannot be rendered at line 1, column 10", TestName = "TemplateErrorSaysWhichItemAndWhere(unknown placeholder)")]
    [TestCase("Case {{ customFields.missing.string }}", "body_template cannot be rendered at line 1", TestName = "TemplateErrorSaysWhichItemAndWhere(missing member)")]
    [TestCase("Case {{ title ) }}", "body_template does not parse at line 1", TestName = "TemplateErrorSaysWhichItemAndWhere(syntax)")]
    public async Task TemplateErrorSaysWhichItemAndWhere(string template, string message)
    {
        var result = await RunAsync("thehive-case.json", template);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().StartWith(message).And.NotContainAny("\n", "\r");
    }

    [Test]
    public async Task DataThatIsNotAnObjectIsAnError()
    {
        var input = MailInput.FromFixture("thehive-case.json", new JObject { ["template"] = "{{ title }}" });
        input["data"] = "noreplies@tele.example";

        var result = await ResponderJob.RunAsync<TemplateResponder>(input);

        result.ErrorMessage.Should().Be("body_template is rendered over the TheHive object, but this job's data is not a JSON object");
    }

    private static Task<ResponderResult> RunAsync(string fixture, string template, JObject? values = null) =>
        ResponderJob.RunAsync<TemplateResponder>(MailInput.FromFixture(fixture, new JObject { ["template"] = template, ["values"] = values ?? [] }));

    /// <summary>Renders config.template as the item body_template, with config.values at the root, and reports the text.</summary>
    private sealed class TemplateResponder : MailResponder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            var values = GetParam<JObject>("config.values")?.Properties().ToDictionary(p => p.Name, p => (string)p.Value!);
            Report(new JObject { ["text"] = RenderTemplate("body_template", GetParam<string>("config.template")!, values, cancellationToken) });
            return Task.CompletedTask;
        }
    }
}
