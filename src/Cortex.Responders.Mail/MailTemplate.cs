using Newtonsoft.Json.Linq;
using Scriban;
using Scriban.Runtime;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Cortex.Responders.Mail;

/// <summary>
/// A subject or body template (Scriban: <c>{{ title }}</c>, <c>{{ data }}</c>, <c>{{ tags | array.join ", " }}</c>)
/// rendered over the TheHive object. Strict: a placeholder the object does not have is an error, not an empty string.
/// </summary>
internal static class MailTemplate
{
    private static readonly TimeSpan RenderLimit = TimeSpan.FromSeconds(10);

    private const int OutputLimit = 1_000_000;

    /// <summary>Renders <paramref name="source"/>; throws <see cref="MailTemplateException"/> with a message that names <paramref name="itemName"/>.</summary>
    public static string Render(string itemName, string source, ScriptObject model, CancellationToken cancellationToken)
    {
        var template = Template.Parse(source);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
            throw new MailTemplateException(
                $"{itemName} does not parse at {Where(first.Span)}: {SmtpFailure.OneLine(first.Message)}; placeholders are written {{{{ field }}}}");
        }

        // Loop and recursion limits do not bound an exponential recursion: a wall clock does.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RenderLimit);
        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedTargetAccess = false,
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            LimitToString = 100_000,
            RegexTimeOut = TimeSpan.FromSeconds(1),
            CancellationToken = limit.Token,
            TemplateLoader = null,
        };
        // AOT-safe JSON of a value (object.to_json needs reflection); a field of the object's own name wins.
        var functions = new ScriptObject { [JsonFunction.Name] = new JsonFunction() };
        context.PushGlobal(functions);
        context.PushGlobal(model);
        string text;
        try
        {
            text = template.Render(context);
        }
        catch (ScriptRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (ScriptRuntimeException) when (limit.IsCancellationRequested)
        {
            throw new MailTemplateException($"{itemName} did not finish rendering within {RenderLimit.TotalSeconds} s: simplify its loops or functions");
        }
        catch (ScriptRuntimeException exception)
        {
            throw new MailTemplateException(
                $"{itemName} cannot be rendered at {Where(exception.Span)}: {SmtpFailure.OneLine(exception.OriginalMessage)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailTemplateException($"{itemName} did not finish rendering within {RenderLimit.TotalSeconds} s: simplify its loops or functions");
        }

        if (text.Length > OutputLimit)
        {
            throw new MailTemplateException($"{itemName} renders {text.Length} characters, more than the {OutputLimit} a mail part may have here");
        }

        return text;
    }

    /// <summary>The template model of a JSON object: its fields at the root, JSON kinds as Scriban values.</summary>
    public static ScriptObject Model(JObject data)
    {
        var model = new ScriptObject();
        foreach (var property in data.Properties())
        {
            model[property.Name] = Value(property.Value);
        }

        return model;
    }

    public static object? Value(JToken token) => token switch
    {
        JObject obj => Model(obj),
        JArray array => new ScriptArray(array.Select(Value)),
        JValue { Type: JTokenType.Integer } value => value.Value is System.Numerics.BigInteger big
            ? (object)(double)big
            : Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Float } value => Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.Boolean } value => (bool)value,
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue value => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => token.ToString(),
    };

    private static string Where(SourceSpan span) => $"line {span.Start.Line + 1}, column {span.Start.Column + 1}";
}
