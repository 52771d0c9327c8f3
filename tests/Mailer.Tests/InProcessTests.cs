using Cortex.Responders;
using Cortex.Responders.Testing;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Mailer.Tests;

/// <summary>How an author tests a mail responder in-process: ResponderJob, the job's CA, a real SMTP server.</summary>
[TestFixture]
public sealed class InProcessTests
{
    [Test]
    public async Task MailerRunsInProcessWithTheJobsCaCertificates()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);
        var input = CortexJob.ReadJson(await File.ReadAllTextAsync(Repository.Fixture("thehive-case.json")))!;
        MailJob.Smtp(input, server.Port, "localhost");

        var result = await ResponderJob.RunAsync<MailerResponder>(input, new JobOptions { CaCertificates = certificates.AuthorityPem });

        result.Success.Should().BeTrue(result.OutputText + result.Log);
        result.Operations.ShouldBeJson("""[{"type":"AddTagToCase","tag":"mail sent"}]""");
        var delivery = await server.NextAsync();
        delivery.Tls.Should().BeTrue();
        MailJob.Parse(delivery).Subject.Should().Be("[Case #157] Phishing report from user");
    }

    [Test]
    public async Task WithoutTheCaTheSameJobFailsInProcessToo()
    {
        using var certificates = new TestCertificates();
        await using var server = await SmtpServer.StartWithTlsAsync(certificates);
        var input = CortexJob.ReadJson(await File.ReadAllTextAsync(Repository.Fixture("thehive-case.json")))!;
        MailJob.Smtp(input, server.Port, "localhost");

        var result = await ResponderJob.RunAsync<MailerResponder>(input, new JobOptions { Environment = new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = string.Empty } });

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Contain("certificate is not trusted");
        await server.ShouldReceiveNothingAsync();
    }
}
