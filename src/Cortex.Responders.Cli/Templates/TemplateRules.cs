using Cortex.Responders.Cli.Validation;
using static Cortex.Responders.Cli.Validation.Severity;

namespace Cortex.Responders.Cli.Templates;

/// <summary>
/// What `report-templates` and `validate` say about an analyzer's report templates, one row each. TheHive 4 and 5
/// show an analyzer's full report through <c>long.html</c>, kept per worker id; the short view is built from the
/// report's <c>summary.taxonomies</c> alone.
/// </summary>
internal static class TemplateRules
{
    private const string PanelsFix = "wrap the report in <div ng-if=\"success\">…</div> and add <div ng-if=\"!success\">{{content.errorMessage}}</div>";

    public static readonly FlavorRule Missing = new("template-missing", Warning,
        "the analyzer flavor {name} ({id}) has no report template ({expected}): TheHive shows its full report as raw JSON",
        "write long.html beside the flavor, with a success and an error panel (dotnet new cortex-analyzer makes one)");

    public static readonly FlavorRule DuplicateId = new("template-duplicate-id", Error,
        "the flavors {name} and {other} both have the worker id {id}: TheHive keeps one template per worker id, so one would replace the other",
        "give one of them another name or version");

    public static readonly FlavorRule NoId = new("template-no-id", Error,
        "the analyzer flavor has no string name and version, so it has no worker id to file a template under",
        "set \"name\" and \"version\" (cortex-responder validate says more)");

    public static readonly FlavorRule ShortIgnored = new("template-ignored", Warning,
        "{file} is ignored: TheHive 4 and 5 read long.html only; the short view is built from the report's summary.taxonomies",
        "remove it, and say what the short view should show in the summary's taxonomies");

    public static readonly FlavorRule OtherIgnored = new("template-ignored", Warning,
        "{file} is ignored: TheHive 4 and 5 read long.html only (the short view is built from the report's summary.taxonomies)",
        "name the template long.html (or <flavor file name>.long.html for one flavor of several), or remove it");

    public static readonly FlavorRule NoSuccessPanel = new("template-success-panel", Warning,
        "the template has no success panel (ng-if=\"success\"): a failed job's report is drawn as if it had succeeded, with blank fields",
        PanelsFix);

    public static readonly FlavorRule NoErrorPanel = new("template-error-panel", Warning,
        "the template has no error panel (ng-if=\"!success\" showing content.errorMessage): TheHive shows a failed job as a blank report",
        PanelsFix);

    public static readonly FlavorRule SampleLacks = new("template-sample-path", Warning,
        "the template reads content.{path}, which the sample report {sample} lacks: the analyst sees that field blank",
        "rename the template's content.{path} to the report's key, or make the report write it");

    public static readonly FlavorRule BadSample = new("template-sample", Error,
        "the sample report cannot be read: {reason}",
        "give --sample an output.json the analyzer wrote (its full report is what the template reads as content), or the full report itself");
}
