using Cortex.Responders;
using System.Globalization;
using Cortex.Workers.Responders.Jupyter.Runs;
using FluentAssertions;
using NUnit.Framework;

namespace Cortex.Workers.Responders.Jupyter.Tests.Runs;

/// <summary>output_folder's date codes give what Python's strftime gives (C locale), on dates that catch week and hour edges.</summary>
[TestFixture]
public sealed class OutputFolderTests
{
    private const string Pattern = "cortex/%Y/%y/%m/%d/%e/%j/%H/%I/%M/%S/%p/%a/%A/%b/%B/%h/%U/%W/%u/%w/%F/100%%";

    private static readonly DateTime[] Dates =
    [
        new(2023, 1, 1, 0, 0, 0), new(2023, 1, 2, 12, 5, 9), new(2024, 2, 29, 23, 59, 59), new(2024, 12, 31, 13, 0, 0),
        new(2027, 1, 3, 1, 2, 3), new(2021, 1, 4, 11, 59, 0), new(2000, 7, 9, 9, 9, 9),
    ];

    [Test]
    public async Task EveryDateCodeMatchesPythonsStrftime()
    {
        var script = "import sys, datetime\nfor line in sys.stdin.read().split():\n    "
            + "print(datetime.datetime.fromisoformat(line).strftime(sys.argv[1] if len(sys.argv) > 1 else '" + Pattern + "').strip('/'))";
        var expected = (await Python.RunAsync(script, string.Join('\n', Dates.Select(d => d.ToString("s", CultureInfo.InvariantCulture))))).TrimEnd('\n').Split('\n');

        Dates.Select(d => OutputFolder.Format(Pattern, d)).Should().Equal(expected);
    }

    [TestCase("/", "")]
    [TestCase("", "")]
    [TestCase("/cortex/runs/", "cortex/runs")]
    public void SlashesAroundTheFolderAreDropped(string pattern, string folder) => OutputFolder.Format(pattern, DateTime.Now).Should().Be(folder);

    [TestCase("runs/%Q", "%Q")]
    [TestCase("runs/50%", "lone %")]
    public void UnknownOrTrailingCodesSayWhatToWrite(string pattern, string part) =>
        FluentActions.Invoking(() => OutputFolder.Format(pattern, DateTime.Now)).Should().Throw<FormatException>().WithMessage($"*{part}*");
}
