namespace Cortex.Responders.Mail;

/// <summary>A template that does not parse or uses what the object does not have; the message says which and where.</summary>
internal sealed class MailTemplateException(string message) : Exception(message);
