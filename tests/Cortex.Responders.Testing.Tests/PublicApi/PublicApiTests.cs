using Cortex.Responders.TestSupport;
using NUnit.Framework;

namespace Cortex.Responders.Testing.Tests.PublicApi;

/// <summary>The testing package's public surface is frozen: a change shows here (CORTEX_APPROVE_API=1 writes it).</summary>
[TestFixture]
public sealed class PublicApiTests
{
    [Test]
    public void PublicApiIsTheApprovedOne() =>
        ApprovedApi.ShouldMatch(typeof(ResponderJob).Assembly, Path.Combine("tests", "Cortex.Responders.Testing.Tests", "PublicApi", "Cortex.Responders.Testing.approved.txt"));
}
