using System.Numerics;
using System.Text;
using Cortex.Responders.TestSupport;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Cortex.Responders.Contract.Tests;

/// <summary>
/// The output writer that leaves Newtonsoft's <see cref="JsonWriter"/> alone writes byte for byte what the
/// <see cref="JsonTextWriter"/> it replaced wrote: on every JSON file of the repository (job fixtures, flavors,
/// facts), on every UTF-16 code unit, and on each kind of value a worker's report can hold.
/// </summary>
[TestFixture]
public sealed class CompactJsonWriterTests
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly string[] Folders = ["tests", "responders", "analyzers", "templates"];

    private static IEnumerable<TestCaseData> RepositoryJsonFiles() =>
        Folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.json", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
            .Where(IsJson)
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetRelativePath(Repository.Root, path)).SetArgDisplayNames(Path.GetRelativePath(Repository.Root, path)));

    [TestCaseSource(nameof(RepositoryJsonFiles))]
    public void EveryJsonFileOfTheRepositoryIsWrittenAsBefore(string relative)
    {
        var token = CortexJson.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, relative)));

        CortexJson.Serialize(token).Should().Equal(Before(token));
    }

    [Test]
    public void EveryCodeUnitIsEscapedOrNotAsBefore()
    {
        var all = new StringBuilder();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            all.Append((char)c);
        }

        var token = new JObject { [all.ToString()] = all.ToString(), ["pairs"] = "😀 \ud83d \ude00 é\u0085\u2028\u2029\u007f" };

        CortexJson.Serialize(token).Should().Equal(Before(token));
    }

    [Test]
    public void EveryKindOfValueIsWrittenAsBefore()
    {
        var token = new JObject
        {
            ["long"] = long.MinValue,
            ["int"] = int.MaxValue,
            ["ulong"] = new JValue(ulong.MaxValue),
            ["big"] = new JValue(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)),
            ["double"] = new JArray(1.0, 0.1, 1e300, -0.0, 5e-324, 123456789.125),
            ["float"] = new JValue(1.5f),
            ["decimal"] = new JValue(12.50m),
            ["date"] = new JValue(new DateTime(2026, 12, 7, 16, 0, 0, DateTimeKind.Utc)),
            ["offset"] = new JValue(new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.FromHours(1))),
            ["guid"] = new JValue(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
            ["uri"] = new JValue(new Uri("https://example.org/a b?c=\"d\"")),
            ["span"] = new JValue(TimeSpan.FromMinutes(90)),
            ["bytes"] = new JValue(new byte[] { 0, 1, 2, 250 }),
            ["bool"] = new JArray(true, false),
            ["null"] = JValue.CreateNull(),
            ["empty"] = new JArray(new JObject(), new JArray(), string.Empty),
        };

        CortexJson.Serialize(token).Should().Equal(Before(token));
    }

    [Test]
    public void DeepNestingIsWrittenAsBeforeWithoutRecursion()
    {
        JToken token = new JArray("leaf");
        for (var i = 0; i < 100_000; i++)
        {
            token = i % 2 == 0 ? new JArray(token, i) : new JObject { ["k"] = token };
        }

        CortexJson.Serialize(token).Should().Equal(Before(token));
    }

    /// <summary>Test data that is deliberately not JSON (a template's placeholders, a broken flavor) has nothing to write.</summary>
    private static bool IsJson(string path)
    {
        try
        {
            CortexJson.Parse(File.ReadAllBytes(path));
            return true;
        }
        catch (CortexJsonException)
        {
            return false;
        }
    }

    /// <summary>What the writer wrote before: Newtonsoft's JsonTextWriter, compact, default escaping, token by token without recursion.</summary>
    private static byte[] Before(JToken root)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true))
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None, StringEscapeHandling = StringEscapeHandling.Default })
        {
            var pending = new Stack<(JToken Token, bool Closing)>();
            pending.Push((root, false));
            while (pending.TryPop(out var entry))
            {
                switch (entry.Token)
                {
                    case JObject when entry.Closing:
                        writer.WriteEndObject();
                        break;
                    case JArray when entry.Closing:
                        writer.WriteEndArray();
                        break;
                    case JContainer container and (JObject or JArray):
                        if (container is JObject)
                        {
                            writer.WriteStartObject();
                        }
                        else
                        {
                            writer.WriteStartArray();
                        }

                        pending.Push((container, true));
                        foreach (var child in container.Children().Reverse())
                        {
                            pending.Push((child, false));
                        }

                        break;
                    case JProperty property:
                        writer.WritePropertyName(property.Name);
                        pending.Push((property.Value, false));
                        break;
                    case JValue value:
                        value.WriteTo(writer);
                        break;
                }
            }
        }

        return buffer.ToArray();
    }
}
