using Cortex.Responders;
using Cortex.Workers.Responders.MSEntraID;

return await ResponderHost.RunAsync<MSEntraIDResponder>(args);
