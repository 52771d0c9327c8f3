using System.Runtime.Versioning;

// Cortex runs workers on Linux; local kernels need its process groups, parent-death signal and file modes.
[assembly: SupportedOSPlatform("linux")]
