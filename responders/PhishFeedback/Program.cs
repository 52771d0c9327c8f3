using Cortex.Responders;
using Cortex.Workers.Responders.PhishFeedback;

return await ResponderHost.RunAsync<PhishFeedbackResponder>(args);
