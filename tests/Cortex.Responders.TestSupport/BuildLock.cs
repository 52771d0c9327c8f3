namespace Cortex.Responders.TestSupport;

/// <summary>
/// An exclusive lock on artifacts/publish.lock, shared by every test process: test assemblies run side by side,
/// and two of them building the same projects in Release at once would trip over each other's obj/ files.
/// </summary>
public static class BuildLock
{
    public static async Task<FileStream> AcquireAsync()
    {
        var path = Path.Combine(Repository.Root, "artifacts", "publish.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
