using Cortex.Responders;
using Cortex.Workers.Responders.Jupyter;

return await ResponderHost.RunAsync<JupyterResponder>(args);
