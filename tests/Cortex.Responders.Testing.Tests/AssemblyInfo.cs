using System.Runtime.Versioning;
using NUnit.Framework;

// Cortex runs workers on Linux; the in-process jobs behave as they would there.
[assembly: SupportedOSPlatform("linux")]
[assembly: Parallelizable(ParallelScope.Fixtures)]
