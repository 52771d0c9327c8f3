using System.Runtime.Versioning;

// Cortex runs analyzers on Linux; these tests start them, and Chromium, as it does.
[assembly: SupportedOSPlatform("linux")]
