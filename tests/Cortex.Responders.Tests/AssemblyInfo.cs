using System.Runtime.Versioning;
using NUnit.Framework;

// Cortex runs responders on Linux; the process tests start them as it does.
[assembly: SupportedOSPlatform("linux")]
[assembly: Parallelizable(ParallelScope.Fixtures)]
