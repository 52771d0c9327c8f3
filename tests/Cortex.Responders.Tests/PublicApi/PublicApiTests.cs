using Cortex.Responders.Testing;
using FluentAssertions;
using NUnit.Framework;
using PublicApiGenerator;

namespace Cortex.Responders.Tests.PublicApi;

/// <summary>
/// The public surface is frozen: a change to it shows here and is approved by updating the .approved.txt
/// file (set CORTEX_APPROVE_API=1 to write it).
/// </summary>
[TestFixture]
public sealed class PublicApiTests
{
    [TestCase(typeof(Responder), "Cortex.Responders")]
    [TestCase(typeof(Operation), "Cortex.Responders.Contract")]
    [TestCase(typeof(ResponderRunner), "Cortex.Responders.Testing")]
    [TestCase(typeof(Mail.MailResponder), "Cortex.Responders.Mail")]
    public void PublicApiIsTheApprovedOne(Type anchor, string name)
    {
        var api = anchor.Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] });
        var approved = Path.Combine(TestSupport.Repository.Root, "tests", "Cortex.Responders.Tests", "PublicApi", $"{name}.approved.txt");
        if (Environment.GetEnvironmentVariable("CORTEX_APPROVE_API") == "1")
        {
            File.WriteAllText(approved, api);
        }

        File.Exists(approved).Should().BeTrue($"{approved} holds the approved API");
        api.Should().Be(File.ReadAllText(approved));
    }
}
