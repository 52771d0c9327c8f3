using Cortex.Responders.Cli.Definitions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Cortex.Responders.Cli.Validation.FlavorRules;
using static Cortex.Responders.Cli.Validation.FlavorValidator;

namespace Cortex.Responders.Cli.Validation;

/// <summary>What TheHive offers the worker on: its data types, judged by what the flavor is (<see cref="FlavorValidator.KindOf"/>).</summary>
internal static class DataTypeChecks
{
    public static IEnumerable<Finding> Check(FlavorFile file, JObject definition, string path, WorkerKind requested)
    {
        var list = definition[FlavorKeys.DataTypeList];
        var at = $"{path}.dataTypeList";
        if (list is null)
        {
            yield return DataTypesMissing.At(file, definition, path);
            yield break;
        }

        if (list is not JArray array || array.Any(t => t.Type != JTokenType.String))
        {
            yield return DataTypesNotStrings.At(file, list, at, ("kind", JsonDescription.Of(list)));
            yield break;
        }

        if (array.Count == 0)
        {
            yield return DataTypesEmpty.At(file, list, at);
        }

        var kind = KindOf(definition, requested, file);
        var why = requested != WorkerKind.Auto ? $"--kind {requested.ToString().ToLowerInvariant()}"
            : RootKind(file) is { } fromRoot ? $"it is under a {fromRoot.ToString().ToLowerInvariant()}s/ root"
            : kind == WorkerKind.Analyzer ? "its other data types are observable types" : "its data types hold thehive:* types";
        var mixed = requested == WorkerKind.Auto
            && RootKind(file) is null
            && array.Any(t => IsTheHiveKind((string)t!))
            && array.Any(t => ObservableTypes.IsObservableType((string)t!));
        for (var i = 0; i < array.Count; i++)
        {
            var dataType = (string)array[i]!;
            var rule = kind == WorkerKind.Analyzer
                ? (ObservableTypes.IsObservableType(dataType) ? null : IsTheHiveKind(dataType) ? AnalyzerOnTheHiveObject : AnalyzerDataTypeUnknown)
                : Flavors.FlavorSchema.IsResponderDataType(dataType) ? null
                : IsTheHiveKind(dataType) ? DataTypeMisspelled
                : !ObservableTypes.IsObservableType(dataType) ? DataTypeNotTheHive
                : mixed ? DataTypeMixed
                : ResponderOnObservableType;
            if (rule is not null)
            {
                yield return rule.At(file, array[i], $"{at}[{i}]", ("dataType", dataType), ("why", why));
            }
        }

        foreach (var duplicate in array.Select(t => (string)t!).GroupBy(t => t).Where(g => g.Count() > 1))
        {
            yield return DataTypeDuplicate.At(file, list, at, ("dataType", duplicate.Key), ("count", duplicate.Count()));
        }
    }
}
