using Cortex.Responders;
using System.Globalization;
using System.Text;

namespace Cortex.Workers.Responders.Jupyter.Runs;

/// <summary>
/// The output folder with its strftime date codes replaced, as the original passes <c>output_folder</c>
/// through Python's <c>strftime</c> (<c>cortex/%Y/%m/%d</c> → <c>cortex/2024/05/17</c>).
/// </summary>
internal static class OutputFolder
{
    private const string Known = "%Y %y %m %d %e %j %H %I %M %S %p %a %A %b %B %h %U %W %u %w %F %%";

    /// <summary>The folder for a job run at <paramref name="now"/>, without leading or trailing slashes ("" for the root).</summary>
    /// <exception cref="FormatException">An unknown date code, or a trailing %.</exception>
    public static string Format(string pattern, DateTime now)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '%')
            {
                builder.Append(pattern[i]);
                continue;
            }

            if (++i == pattern.Length)
            {
                throw new FormatException($"output_folder \"{pattern}\" ends with a lone %: write %% for a percent sign");
            }

            builder.Append(pattern[i] switch
            {
                'Y' => now.Year.ToString("0000", CultureInfo.InvariantCulture),
                'y' => (now.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                'm' => now.Month.ToString("00", CultureInfo.InvariantCulture),
                'd' => now.Day.ToString("00", CultureInfo.InvariantCulture),
                'e' => now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'j' => now.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                'H' => now.Hour.ToString("00", CultureInfo.InvariantCulture),
                'I' => (now.Hour % 12 == 0 ? 12 : now.Hour % 12).ToString("00", CultureInfo.InvariantCulture),
                'M' => now.Minute.ToString("00", CultureInfo.InvariantCulture),
                'S' => now.Second.ToString("00", CultureInfo.InvariantCulture),
                'p' => now.Hour < 12 ? "AM" : "PM",
                'a' => now.ToString("ddd", CultureInfo.InvariantCulture),
                'A' => now.ToString("dddd", CultureInfo.InvariantCulture),
                'b' or 'h' => now.ToString("MMM", CultureInfo.InvariantCulture),
                'B' => now.ToString("MMMM", CultureInfo.InvariantCulture),
                'U' => WeekOfYear(now, DayOfWeek.Sunday).ToString("00", CultureInfo.InvariantCulture),
                'W' => WeekOfYear(now, DayOfWeek.Monday).ToString("00", CultureInfo.InvariantCulture),
                'u' => (now.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)now.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'w' => ((int)now.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'F' => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                '%' => "%",
                var other => throw new FormatException($"output_folder \"{pattern}\" has the date code %{other}, which this responder does not know: use {Known}"),
            });
        }

        return builder.ToString().Trim('/');
    }

    /// <summary>strftime's %U/%W: weeks start on <paramref name="first"/>; days before the year's first such day are week 0.</summary>
    private static int WeekOfYear(DateTime date, DayOfWeek first)
    {
        var offset = ((int)date.DayOfWeek - (int)first + 7) % 7;
        return (date.DayOfYear - 1 - offset + 7) / 7;
    }
}
