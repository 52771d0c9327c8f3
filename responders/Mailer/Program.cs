using Cortex.Responders;
using Cortex.Workers.Responders.Mailer;

return await ResponderHost.RunAsync<MailerResponder>(args);
