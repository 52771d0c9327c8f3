using Cortex.Responders.TestSupport;
using NUnit.Framework;

namespace Cortex.Responders.Mail.Tests.PublicApi;

/// <summary>
/// The public surface of Cortex.Responders.Mail is frozen: a change to it shows here and is approved by updating
/// the .approved.txt file (set CORTEX_APPROVE_API=1 to write it).
/// </summary>
[TestFixture]
public sealed class PublicApiTests
{
    [Test]
    public void PublicApiIsTheApprovedOne() =>
        ApprovedApi.ShouldMatch(typeof(MailResponder).Assembly, Path.Combine("tests", "Cortex.Responders.Mail.Tests", "PublicApi", "Cortex.Responders.Mail.approved.txt"));
}
