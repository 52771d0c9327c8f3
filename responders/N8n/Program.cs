using Cortex.Responders;
using Cortex.Workers.Responders.N8n;

return await ResponderHost.RunAsync<N8nResponder>(args);
