using System.Globalization;
using System.Text;

namespace Cortex.Responders.Cli.Validation;

/// <summary>Text from a flavor or a file name, made safe to print on a terminal: control characters as escapes.</summary>
internal static class Printable
{
    /// <summary><paramref name="text"/> with every control character (ESC, CR, LF, DEL, C1…) written as <c>\x1b</c>, <c>\n</c>, <c>\u009b</c>.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x80 && char.IsControl(c) => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
