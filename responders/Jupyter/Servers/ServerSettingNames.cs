using Cortex.Responders;
namespace Cortex.Workers.Responders.Jupyter.Servers;

/// <summary>The configuration items that name a server (input or output side), for messages that say what to fix.</summary>
internal sealed record ServerSettingNames(string Hostname, string Token, string IsJupyterHub)
{
    public static readonly ServerSettingNames Input = new("input_hostname", "input_handler_http_service_api_token", "input_handler_http_is_jupyterhub");

    public static readonly ServerSettingNames Output = new("output_hostname", "output_handler_http_service_api_token", "output_handler_http_is_jupyterhub");
}
