using Cortex.Responders.TestSupport;
using NUnit.Framework;

namespace Cortex.Responders.Tests.PublicApi;

/// <summary>
/// The public surface is frozen: a change to it shows here and is approved by updating the .approved.txt
/// file (set CORTEX_APPROVE_API=1 to write it).
/// </summary>
[TestFixture]
public sealed class PublicApiTests
{
    [TestCase(typeof(Responder), "Cortex.Responders")]
    public void PublicApiIsTheApprovedOne(Type anchor, string name) =>
        ApprovedApi.ShouldMatch(anchor.Assembly, Path.Combine("tests", "Cortex.Responders.Tests", "PublicApi", $"{name}.approved.txt"));
}
