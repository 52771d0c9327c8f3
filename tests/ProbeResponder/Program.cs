using Cortex.Responders;
using Cortex.Responders.Probe;

return await ResponderHost.RunAsync<ProbeResponder>(args);
