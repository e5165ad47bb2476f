namespace Hebb.Tests.Support;

/// <summary>A fresh folder for one test's files, removed with everything in it when the test ends.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string FullPath { get; } = Directory.CreateTempSubdirectory("hebb-tests-").FullName;

    public string PathOf(string fileName) => Path.Combine(FullPath, fileName);

    public string[] FileNames() => Directory.GetFiles(FullPath).Select(Path.GetFileName).ToArray()!;

    public void Dispose() => Directory.Delete(FullPath, recursive: true);
}
