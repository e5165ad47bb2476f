namespace Hebb.Tests.Support;

/// <summary>The clone the tests were built from: the nearest folder above the test binaries that holds Hebb.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Hebb.slnx"))) return folder.FullName;
        throw new InvalidOperationException($"no Hebb.slnx above {AppContext.BaseDirectory}");
    }
}
