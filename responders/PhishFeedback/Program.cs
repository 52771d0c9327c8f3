using Cortex.Responders;
using Cortex.Responders.PhishFeedback;

return await ResponderHost.RunAsync<PhishFeedbackResponder>(args);
