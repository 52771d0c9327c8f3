using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Cortex.Responders.Mail;

/// <summary>
/// <c>to_json</c> in a mail template (<c>{{ customFields | to_json }}</c>): the value as compact JSON. Scriban's
/// own <c>object.to_json</c> works by reflection, which a Native AOT executable does not have; this walks the
/// template's values itself and writes them with the contract's JSON writer.
/// </summary>
internal sealed class JsonFunction : IScriptCustomFunction
{
    public const string Name = "to_json";

    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(string);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count != 1)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? default, $"{Name} takes one value, not {arguments.Count}");
        }

        return Encoding.UTF8.GetString(CortexJson.Serialize(ToJson(arguments[0])));
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    private static JToken ToJson(object? value) => value switch
    {
        null => JValue.CreateNull(),
        string text => new JValue(text),
        bool flag => new JValue(flag),
        int or long or short or byte or sbyte or uint or ushort => new JValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        float or double or decimal => new JValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        ScriptArray array => new JArray(array.Select(ToJson)),
        ScriptObject obj => new JObject(obj.Select(pair => new JProperty(pair.Key, ToJson(pair.Value)))),
        _ => new JValue(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
