using System.Runtime.Versioning;
using NUnit.Framework;

// Cortex runs responders on Linux; the SMTP server the tests start is Debian's python3-aiosmtpd.
[assembly: SupportedOSPlatform("linux")]
[assembly: Parallelizable(ParallelScope.Fixtures)]
