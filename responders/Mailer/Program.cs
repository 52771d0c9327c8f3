using Cortex.Responders;
using Cortex.Responders.Mailer;

return await ResponderHost.RunAsync<MailerResponder>(args);
