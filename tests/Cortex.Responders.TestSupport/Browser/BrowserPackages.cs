namespace Cortex.Responders.TestSupport.Browser;

/// <summary>
/// What TheHive's front end loads for a report template, from npm (tests/browser/package.json, installed by
/// <c>npm ci --prefix tests/browser</c>, as .ci/run does): AngularJS 1.8, angular-ui-bootstrap 2.5, Bootstrap 3.
/// </summary>
public static class BrowserPackages
{
    public static string Folder => Path.Combine(Repository.Root, "tests", "browser", "node_modules");

    public static string Angular => Need("angular", "angular.js");

    public static string UiBootstrap => Need("angular-ui-bootstrap", "dist", "ui-bootstrap-tpls.js");

    public static string BootstrapCss => Need("bootstrap", "dist", "css", "bootstrap.min.css");

    private static string Need(params string[] parts)
    {
        var path = Path.Combine([Folder, .. parts]);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run npm ci --prefix tests/browser --no-audit --no-fund (.ci/run does)");
    }
}
