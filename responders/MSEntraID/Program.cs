using Cortex.Responders;
using Cortex.Responders.MSEntraID;

return await ResponderHost.RunAsync<MSEntraIDResponder>(args);
