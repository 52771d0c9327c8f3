namespace Cortex.Responders.Jobs;

/// <summary>The text of an error as TheHive and the log show it: the one place where a message is made one line.</summary>
internal static class ErrorText
{
    /// <summary>An exception as "Type: message", unwrapped from single-exception aggregates and reflection wrappers.</summary>
    public static string Describe(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException
            && exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return $"{exception.GetType().Name}: {exception.Message}";
    }

    /// <summary>
    /// The text on one printable line: every control character (C0 and C1: line breaks, TAB, NUL, ESC…) and
    /// white space run (the Unicode line and paragraph separators included) becomes one space, and the ends are
    /// trimmed, so no terminal escape or line break reaches TheHive or a log. Empty text gives
    /// <paramref name="empty"/>.
    /// </summary>
    public static string OneLine(string text, string empty = "the responder failed without a message")
    {
        var line = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        return line.Length == 0 ? empty : line.ToString();
    }
}
