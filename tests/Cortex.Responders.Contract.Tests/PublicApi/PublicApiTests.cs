using Cortex.Responders.TestSupport;
using NUnit.Framework;

namespace Cortex.Responders.Contract.Tests.PublicApi;

/// <summary>The contract's public surface is frozen: set CORTEX_APPROVE_API=1 to write a change to the .approved.txt file.</summary>
[TestFixture]
public sealed class PublicApiTests
{
    [Test]
    public void PublicApiIsTheApprovedOne() =>
        ApprovedApi.ShouldMatch(typeof(Operation).Assembly, Path.Combine("tests", "Cortex.Responders.Contract.Tests", "PublicApi", "Cortex.Responders.Contract.approved.txt"));
}
