using Cortex.Responders.Testing;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Mail.Tests;

/// <summary>ParseAddresses and the sender: a list of mailboxes, or an error naming where the text came from.</summary>
[TestFixture]
public sealed class ParseAddressesTests
{
    [Test]
    public async Task ListWithDisplayNamesGivesEveryMailbox()
    {
        var result = await RunAsync("Ops Team <ops@corp.example>, cert@corp.example");

        result.Success.Should().BeTrue(result.OutputText);
        result.Full!["addresses"]!.Values<string>().Should().Equal("ops@corp.example", "cert@corp.example");
        result.Full!["names"]!.Values<string>().Should().Equal("Ops Team", string.Empty);
    }

    [TestCase("ops@corp.example\r\nBcc: attacker@evil.example", TestName = "LineBreakIsAnErrorNamingTheOrigin(CRLF)")]
    [TestCase("ops@corp.example\nBcc: attacker@evil.example", TestName = "LineBreakIsAnErrorNamingTheOrigin(LF)")]
    [TestCase("ops@corp.example\0", TestName = "LineBreakIsAnErrorNamingTheOrigin(NUL)")]
    public async Task LineBreakIsAnErrorNamingTheOrigin(string addresses)
    {
        var result = await RunAsync(addresses);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be("config.addresses holds a line break or another control character; remove it (addresses must be on one line)");
    }

    [TestCase("not-an-address", TestName = "TextThatIsNotAMailboxIsAnErrorQuotingIt(no @)")]
    [TestCase("Team: ops@corp.example;", TestName = "TextThatIsNotAMailboxIsAnErrorQuotingIt(a group)")]
    [TestCase("ops@", TestName = "TextThatIsNotAMailboxIsAnErrorQuotingIt(no domain)")]
    public async Task TextThatIsNotAMailboxIsAnErrorQuotingIt(string addresses)
    {
        var result = await RunAsync(addresses);

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be($"config.addresses is not an e-mail address: \"{addresses}\"");
    }

    [Test]
    public async Task SenderIsOneMailbox()
    {
        var result = await ResponderJob.RunAsync<SenderResponder>(MailInput.FromFixture("thehive-case.json", new JObject { ["from"] = "SOC <soc@corp.example>" }));

        result.Success.Should().BeTrue(result.OutputText);
        ((string?)result.Full!["sender"]).Should().Be("soc@corp.example");
    }

    [TestCase("soc@corp.example, cert@corp.example", "config.from must be one address, not 2")]
    [TestCase("soc", "config.from is not an e-mail address: \"soc\"")]
    public async Task SenderThatIsNotOneMailboxIsAnError(string from, string message)
    {
        var result = await ResponderJob.RunAsync<SenderResponder>(MailInput.FromFixture("thehive-case.json", new JObject { ["from"] = from }));

        result.Success.Should().BeFalse();
        result.ErrorMessage.Should().Be(message);
    }

    private static Task<ResponderResult> RunAsync(string addresses) =>
        ResponderJob.RunAsync<AddressResponder>(MailInput.FromFixture("thehive-case.json", new JObject { ["addresses"] = addresses }));

    /// <summary>Parses config.addresses and reports each mailbox's address and display name.</summary>
    private sealed class AddressResponder : MailResponder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            var mailboxes = ParseAddresses(GetParam<string>("config.addresses")!, "config.addresses");
            Report(new JObject
            {
                ["addresses"] = new JArray(mailboxes.Select(m => m.Address)),
                ["names"] = new JArray(mailboxes.Select(m => m.Name ?? string.Empty)),
            });
            return Task.CompletedTask;
        }
    }

    private sealed class SenderResponder : MailResponder
    {
        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            Report(new JObject { ["sender"] = Sender.Address });
            return Task.CompletedTask;
        }
    }
}
