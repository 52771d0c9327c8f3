using Cortex.Responders;
using Cortex.Responders.Jupyter;

return await ResponderHost.RunAsync<JupyterResponder>(args);
