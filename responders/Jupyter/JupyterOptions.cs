using Microsoft.Extensions.Configuration;

namespace Cortex.Workers.Responders.Jupyter;

/// <summary>
/// The flavor's configuration items as the job's <c>config</c> holds them, bound with <c>Configuration.Get</c> (the
/// binder's source generator: no reflection). Scalars stay text here, as the original's forms may give a boolean or
/// a number as text; <see cref="JupyterResponder"/> checks each with a message that names the item.
/// </summary>
internal sealed class JupyterOptions
{
    public const string InputPathsKey = "input_paths";

    public const string OutputFolderKey = "output_folder";

    public const string HubUserKey = "any_handler_http_user";

    public const string ExecutionTimeoutKey = "execution_timeout";

    public const string ExecuteRemotelyKey = "input_handler_http_execute_remotely";

    /// <summary>The items that must be one value, not a list or an object.</summary>
    public static readonly IReadOnlyList<string> ScalarKeys =
    [
        "input_hostname", "input_handler_http_service_api_token", "input_handler_http_is_jupyterhub", ExecuteRemotelyKey,
        "output_hostname", "output_handler_http_service_api_token", "output_handler_http_is_jupyterhub",
        OutputFolderKey, HubUserKey, ExecutionTimeoutKey,
    ];

    [ConfigurationKeyName("input_hostname")]
    public string? InputHostname { get; set; }

    [ConfigurationKeyName("input_handler_http_service_api_token")]
    public string? InputToken { get; set; }

    [ConfigurationKeyName("input_handler_http_is_jupyterhub")]
    public string? InputIsJupyterHub { get; set; }

    [ConfigurationKeyName(ExecuteRemotelyKey)]
    public string? ExecuteRemotely { get; set; }

    [ConfigurationKeyName(InputPathsKey)]
    public List<string> InputPaths { get; set; } = [];

    [ConfigurationKeyName("output_hostname")]
    public string? OutputHostname { get; set; }

    [ConfigurationKeyName("output_handler_http_service_api_token")]
    public string? OutputToken { get; set; }

    [ConfigurationKeyName("output_handler_http_is_jupyterhub")]
    public string? OutputIsJupyterHub { get; set; }

    [ConfigurationKeyName(OutputFolderKey)]
    public string? OutputFolder { get; set; }

    [ConfigurationKeyName(HubUserKey)]
    public string? HubUser { get; set; }

    [ConfigurationKeyName(ExecutionTimeoutKey)]
    public string? ExecutionTimeout { get; set; }
}
