using Cortex.Responders;
using Cortex.Workers.Responders.Shuffle;

return await ResponderHost.RunAsync<ShuffleResponder>(args);
