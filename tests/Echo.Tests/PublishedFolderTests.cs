using Cortex.Responders;
using Cortex.Responders.TestSupport;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Echo.Tests;

/// <summary>What `dotnet publish responders` leaves for Cortex in Echo/.</summary>
[TestFixture]
public sealed class PublishedFolderTests
{
    private static string root = string.Empty;

    [OneTimeSetUp]
    public async Task Publish() => root = await PublishedResponders.PublishAsync("Echo");

    [Test]
    public void PublishedFolderHoldsTheExecutableAndItsFlavorsOnly() =>
        PublishedFolder.ShouldHoldTheExecutableAndFlavorsOnly(root, "Echo", "DevTools_Echo.json", "Test.json");
}
