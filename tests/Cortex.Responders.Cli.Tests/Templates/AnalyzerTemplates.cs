using Newtonsoft.Json.Linq;

namespace Cortex.Responders.Cli.Tests.Templates;

/// <summary>Analyzer flavors and report templates for the template tests, written into a <see cref="ResponderRoot"/>.</summary>
internal static class AnalyzerTemplates
{
    /// <summary>A template with both panels, reading content.verdict, content.hits and content.source.name.</summary>
    public const string Good = """
        <div class="panel panel-info" ng-if="success">
          <div class="panel-body">{{content.verdict}} <span ng-repeat="hit in content.hits">{{hit.name}}</span> {{content.source.name | fang}}</div>
        </div>
        <div class="panel panel-danger" ng-if="!success">
          <div class="panel-body">{{content.errorMessage}}</div>
        </div>
        """;

    /// <summary>An analyzer flavor <paramref name="name"/> of version <paramref name="version"/>, in folder <paramref name="folder"/>.</summary>
    public static JObject Flavor(string name = "Acme_Lookup", string version = "1.0", string folder = "AcmeLookup")
    {
        var flavor = ResponderRoot.Flavor(name, folder);
        flavor["version"] = version;
        flavor["dataTypeList"] = new JArray("ip", "domain");
        return flavor;
    }

    /// <summary>Writes the flavor <paramref name="name"/> (file &lt;folder&gt;/&lt;name&gt;.json) and its command, and <paramref name="template"/> as the folder's long.html when given.</summary>
    public static void Write(ResponderRoot root, string name = "Acme_Lookup", string version = "1.0", string folder = "AcmeLookup", string? template = Good)
    {
        root.WriteFlavor(Flavor(name, version, folder), $"{folder}/{name}.json");
        root.WriteScript($"{folder}/run.sh", "exit 0");
        if (template is not null)
        {
            root.Write($"{folder}/long.html", template);
        }
    }
}
