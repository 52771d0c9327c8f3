using System.Runtime.Versioning;

// Cortex runs responders on Linux; these tests start them as it does.
[assembly: SupportedOSPlatform("linux")]
