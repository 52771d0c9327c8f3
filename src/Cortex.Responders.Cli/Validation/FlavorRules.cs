using static Cortex.Responders.Cli.Validation.Severity;

namespace Cortex.Responders.Cli.Validation;

/// <summary>
/// Every rule `cortex-responder validate` checks, one row each: id, severity, message, fix. Errors are what make
/// Cortex skip a file, silently empty a field or the whole configuration form, or fail to run the command;
/// warnings are what it survives. <c>{placeholders}</c> are filled from the flavor. Several rows share an id when
/// one rule breaks in several ways.
/// </summary>
internal static class FlavorRules
{
    private const string SkipsTheFile = "Cortex reads it as a string and skips the whole file";
    private const string DropsTheForm = "; Cortex then drops the whole configurationItems list (no configuration form at all)";
    private const string RefusedOnEnable = "Cortex refuses it when an organisation enables the responder without setting it";
    private const string WorkerIdInUrls = "Cortex accepts it, but it becomes the worker id in Cortex's and TheHive's URLs and API calls";
    private const string NameFix = "use letters, digits, '_', '-' and '.' only (e.g. My_Responder)";

    private static readonly string TheHiveObjects = string.Join(", ", DataTypes.TheHiveObjects);
    private static readonly string Observables = string.Join(", ", ObservableTypes.All);
    private static readonly string ItemTypes = string.Join(", ", Definitions.ConfigurationItemTypes.All);

    // Files and roots.
    public static readonly FlavorRule JsonSyntax = new(
        "json-syntax", Error,
        "not valid JSON: {reason}; Cortex logs \"has invalid format\" and skips the file",
        "fix the JSON syntax at that line");
    public static readonly FlavorRule Unreadable = new(
        "not-readable", Error,
        "{reason}; Cortex cannot read it as a flavor",
        "remove it from the folder, or replace it with a regular JSON file");
    public static readonly FlavorRule NotDefinition = new(
        "not-definition", Error,
        "an entry of a definition array must be an object",
        "make each entry a responder definition object");
    public static readonly FlavorRule StrayJson = new(
        "stray-json", Warning,
        "a JSON file that is not a responder definition; Cortex reads every *.json of a responder folder, logs it as invalid and skips it",
        "move it out of the responder folder (data, settings, *.deps.json, *.runtimeconfig.json do not belong there)");
    public static readonly FlavorRule RootJson = new(
        "root-json", Warning,
        "a JSON file at the responders root: Cortex reads only the sub-folders' files, so it is ignored",
        "move it into a responder folder, or out of the root");
    public static readonly FlavorRule NoDefinitions = new(
        "no-definitions", Error,
        "no responder definition found: Cortex would load nothing from here",
        "name a flavor file, a responder folder or a responders root (whose sub-folders hold the flavors)");

    // The definition's own fields.
    public static readonly FlavorRule MissingField = new(
        "missing-field", Error,
        "\"{field}\" is missing; Cortex cannot read the definition and skips the file",
        "add \"{field}\": \"…\"");
    public static readonly FlavorRule FieldType = new(
        "field-type", Error,
        $"\"{{field}}\" is {{kind}}, but {SkipsTheFile}",
        "write it as a string: \"{field}\": \"{value}\"");
    public static readonly FlavorRule BaseConfigType = new(
        "field-type", Error,
        $"\"baseConfig\" is {{kind}}, but {SkipsTheFile}",
        "write it as a string, or remove it (it defaults to the name)");
    public static readonly FlavorRule DockerImageType = new(
        "field-type", Error,
        $"\"dockerImage\" is {{kind}}, but {SkipsTheFile}",
        "write the image name as a string");
    public static readonly FlavorRule CommandType = new(
        "field-type", Error,
        $"\"command\" is {{kind}}, but {SkipsTheFile}",
        "write it as a string: \"<Folder>/<executable>\"");
    public static readonly FlavorRule NameEmpty = new(
        "name-chars", Error,
        $"the name is empty; {WorkerIdInUrls}",
        NameFix);
    public static readonly FlavorRule NameControl = new(
        "name-control", Error,
        $"the name \"{{name}}\" holds control characters (line breaks, escapes); {WorkerIdInUrls}, and in the image's Containerfile",
        NameFix);
    public static readonly FlavorRule NameChars = new(
        "name-chars", Warning,
        $"the name \"{{name}}\" has spaces or slashes; {WorkerIdInUrls}",
        NameFix);
    public static readonly FlavorRule ConfigType = new(
        "config-type", Error,
        "\"config\" is {kind}; Cortex silently reads it as {}",
        "make it an object, e.g. \"config\": {\"service\": \"…\"}");

    // What Cortex runs.
    public static readonly FlavorRule NoCommand = new(
        "no-command", Error,
        "neither \"command\" nor \"dockerImage\": Cortex has nothing to run",
        "add \"command\": \"<Folder>/<executable>\" (relative to the responders root)");
    public static readonly FlavorRule CommandOutside = new(
        "command-outside", Error,
        "\"{command}\" resolves to {target}, outside the responders root {root}; Cortex drops such a command",
        "make it relative to the root: \"<Folder>/<executable>\"");
    public static readonly FlavorRule CommandMissing = new(
        "command-missing", Error,
        "\"{command}\" resolves to {target}, which does not exist; Cortex resolves it against the root {root}",
        "publish the executable there, or fix the path (it is \"<Folder>/<executable>\", with <Folder> = {folder})");
    public static readonly FlavorRule CommandNotExecutable = new(
        "command-not-executable", Error,
        "{target} has no run bit; Cortex's process runner fails with \"Permission denied\"",
        "chmod +x {target}");

    // What TheHive offers it on.
    public static readonly FlavorRule DataTypesMissing = new(
        "data-types", Error,
        "no \"dataTypeList\": Cortex reads it as empty and TheHive never offers the responder",
        $"add \"dataTypeList\": [\"{DataTypes.Case}\"] (the TheHive objects it acts on)");
    public static readonly FlavorRule DataTypesNotStrings = new(
        "data-types", Error,
        "\"dataTypeList\" is {kind}, not an array of strings; Cortex silently reads it as empty and TheHive never offers the responder",
        $"write an array of strings: [\"{DataTypes.Case}\", \"{DataTypes.Alert}\"]");
    public static readonly FlavorRule DataTypesEmpty = new(
        "data-types", Error,
        "\"dataTypeList\" is empty: TheHive never offers the responder",
        $"list the TheHive objects it acts on, e.g. [\"{DataTypes.Case}\"]");
    public static readonly FlavorRule DataTypeMisspelled = new(
        "data-type-kind", Warning,
        $"\"{{dataType}}\" is not a TheHive object type; TheHive only runs responders on {TheHiveObjects}",
        "check the spelling");
    public static readonly FlavorRule DataTypeNotTheHive = new(
        "data-type-kind", Warning,
        $"\"{{dataType}}\" is not a TheHive object type; TheHive only runs responders on {TheHiveObjects}",
        $"analyzers take observable types; a responder takes TheHive objects ({DataTypes.Observable} for an observable)");
    public static readonly FlavorRule DataTypeMixed = new(
        "data-type-kind", Warning,
        $"\"{{dataType}}\" is an observable type, but the list also holds TheHive objects: read from responder.urls, TheHive never offers it on {{dataType}}; read " +
        "from analyzer.urls, never on the TheHive objects",
        "split it into an analyzer flavor (observable types, under analyzer.urls) and a responder flavor (TheHive objects, under responder.urls); --kind says which " +
        "this one is");
    public static readonly FlavorRule ResponderOnObservableType = new(
        "data-type-kind", Warning,
        $"\"{{dataType}}\" is an observable type, but this flavor is a responder ({{why}}): TheHive will not offer it on {{dataType}}, since it runs responders only " +
        $"on {TheHiveObjects}",
        $"list the TheHive objects it acts on ({DataTypes.Observable} for an observable of any type); an analyzer (under an analyzers/ root) is what TheHive offers " +
        "on an observable type");
    public static readonly FlavorRule AnalyzerOnTheHiveObject = new(
        "data-type-kind", Warning,
        $"\"{{dataType}}\" is a TheHive object type, but this flavor is an analyzer ({{why}}): TheHive offers analyzers only on observables ({Observables})",
        "list observable types; TheHive objects are for responders (read from responder.urls)");
    public static readonly FlavorRule AnalyzerDataTypeUnknown = new(
        "data-type-kind", Warning,
        $"\"{{dataType}}\" is not one of TheHive's observable types ({Observables}); TheHive offers the analyzer only on observables of a type an admin has created " +
        "under that name",
        "check the spelling");
    public static readonly FlavorRule DataTypeDuplicate = new(
        "data-type-duplicate", Warning,
        "\"{dataType}\" is listed {count} times",
        "list it once");

    // The configuration form.
    public static readonly FlavorRule ItemsType = new(
        "items-type", Error,
        "\"configurationItems\" is {kind}; Cortex silently reads it as empty: no configuration form",
        "make it an array of items");
    public static readonly FlavorRule ItemNotObject = new(
        "item-field", Error,
        $"an item is {{kind}}, not an object{DropsTheForm}",
        "make it {\"name\": …, \"description\": …, \"type\": …}");
    public static readonly FlavorRule ItemFieldMissing = new(
        "item-field", Error,
        $"\"{{field}}\" is missing{DropsTheForm}",
        "add \"{field}\" as a string");
    public static readonly FlavorRule ItemFieldType = new(
        "item-field", Error,
        $"\"{{field}}\" is {{kind}}, not a string{DropsTheForm}",
        "write \"{field}\" as a string");
    public static readonly FlavorRule ItemFlagType = new(
        "item-field", Error,
        $"\"{{flag}}\" is {{kind}}, not true/false{DropsTheForm}",
        "write \"{flag}\": {value}");
    public static readonly FlavorRule ItemTypeCase = new(
        "item-type", Warning,
        "type \"{type}\" is accepted by Cortex (it retries in lower case), but every other tool expects lower case",
        "write \"{lower}\"");
    public static readonly FlavorRule ItemTypeMissing = new(
        "item-type", Error,
        $"no \"type\"{DropsTheForm}",
        $"add \"type\": one of {ItemTypes}");
    public static readonly FlavorRule ItemTypeUnknown = new(
        "item-type", Error,
        $"type {{type}} is not one of {ItemTypes}{DropsTheForm}",
        "use string, text, number or boolean (\"number\" for any number, whole or not)");
    public static readonly FlavorRule ItemDuplicate = new(
        "item-duplicate", Error,
        "\"{name}\" is already item {first}: the form shows two fields for one setting and the last one wins",
        "remove or rename one of them");
    public static readonly FlavorRule DefaultNotArray = new(
        "default-type", Error,
        $"the item is multi, so its default must be an array; Cortex refuses {{kind}} when an organisation enables the responder without setting it",
        "write [{value}] (or [] for none)");
    public static readonly FlavorRule DefaultArrayForSingle = new(
        "default-type", Error,
        $"the item is not multi, but its default is an array; {RefusedOnEnable}",
        "set \"multi\": true, or give one value");
    public static readonly FlavorRule DefaultAsText = new(
        "default-type", Warning,
        "a {type} default written as text ({value}); Cortex's web form converts it, but Cortex refuses it when the responder is enabled through the API",
        "write it as a {type}: {suggestion}");
    public static readonly FlavorRule DefaultWrongType = new(
        "default-type", Error,
        $"the default {{value}} is not a {{type}}; {RefusedOnEnable}",
        "write it as a {expected}: {suggestion}");

    // Cortex-Analyzers' schema (utils/flavors/flavor_schema.json): Cortex ignores these, its catalog tools do not.
    public static readonly FlavorRule BaseConfigMissing = new(
        "base-config-missing", Warning,
        "no \"baseConfig\": Cortex uses the name \"{name}\", but Cortex-Analyzers' schema requires it, and flavors sharing a configuration need the same one",
        "add \"baseConfig\": \"{name}\" (or the name its sibling flavors share)");
    public static readonly FlavorRule ExtraFieldType = new(
        "schema-field", Warning,
        "\"{field}\" is {kind}; Cortex ignores it, but Cortex-Analyzers' schema wants {expected}",
        "write it as {expected}");
    public static readonly FlavorRule AssetMissing = new(
        "asset-missing", Warning,
        "\"{field}\" names {target}, which is no file; Cortex ignores it, but the catalog and TheHive's documentation show a broken image",
        "add the file (the path is relative to the flavor's folder) or fix the path");
    public static readonly FlavorRule IntegrationType = new(
        "schema-field", Warning,
        "\"integration_type\" is {value}; Cortex-Analyzers' schema knows \"local\" and \"external_api\"",
        "write \"local\" or \"external_api\"");

    // Across the flavors of a root.
    public static readonly FlavorRule DuplicateId = new(
        "duplicate-id", Error,
        "worker id {id} is also defined by {other}; Cortex keeps only one of them, silently",
        "change the name or the version of one of them");
    public static readonly FlavorRule BaseConfigConflict = new(
        "base-config-conflict", Error,
        "item \"{item}\" is {shape} here but {otherShape} in {other}; both share baseConfig \"{baseConfig}\", whose one stored value cannot fit both",
        "give the item the same type and multi in every flavor of the baseConfig, or rename it");
}
