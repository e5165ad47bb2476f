using System.Runtime.InteropServices;
using Hebb.Tests.Support;

namespace Hebb.Tests.Packaging;

/// <summary>
/// The Hebb library package and the Hebb.Cli tool packages, packed once from this clone into a temporary folder, as
/// README tells a user to (<c>dotnet pack -o packages</c>), but with a version of their own
/// (<c>0.0.0-test.g…</c>), so that nothing a restore puts in NuGet's global packages folder can be mistaken for a
/// real release or for another run's packages; those entries are removed again at the end. The tool is packed for
/// this machine's platform only, and built in a separate artifacts folder, so that the clone's bin and obj are
/// not touched.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public string Version { get; } = $"0.0.0-test.g{Guid.NewGuid():N}";

    /// <summary>This machine's platform, the one the tool is packed for (e.g. linux-x64).</summary>
    public string Platform { get; } = RuntimeInformation.RuntimeIdentifier;

    public string Folder => folder.PathOf("packages");

    public string Scratch => folder.FullPath;

    public string PathOf(string packageId, string extension = "nupkg") => Path.Combine(Folder, $"{packageId}.{Version}.{extension}");

    public PackedPackages()
    {
        var artifacts = folder.PathOf("artifacts");
        DotnetCommand.Run(RepositoryRoot.Path, "pack", "src/Hebb", "-c", "Release", "-o", Folder,
            "--artifacts-path", artifacts, $"-p:Version={Version}").Succeeded("dotnet pack src/Hebb");
        DotnetCommand.Run(RepositoryRoot.Path, "pack", "src/Hebb.Cli", "-c", "Release", "-o", Folder,
            "--artifacts-path", artifacts, $"-p:Version={Version}", $"-p:ToolPackageRuntimeIdentifiers={Platform}")
            .Succeeded("dotnet pack src/Hebb.Cli");
        if (IsCompiledToNativeCode)
            DotnetCommand.Run(RepositoryRoot.Path, "pack", "src/Hebb.Cli", "-c", "Release", "-r", Platform, "-o", Folder,
                "--artifacts-path", artifacts, $"-p:Version={Version}", $"-p:ToolPackageRuntimeIdentifiers={Platform}")
                .Succeeded($"dotnet pack src/Hebb.Cli -r {Platform}");
    }

    /// <summary>On Linux, README's second pack (<c>dotnet pack src/Hebb.Cli -r RID</c>) replaces this platform's tool
    /// package with one compiled to native code (Native AOT), as <c>Hebb.Cli.csproj</c> sets it up.</summary>
    public static bool IsCompiledToNativeCode => OperatingSystem.IsLinux();

    public void Dispose()
    {
        var globalPackages = GlobalPackagesFolder();
        foreach (var packageId in new[] { "hebb", "hebb.cli", $"hebb.cli.{Platform}" })
        {
            var restored = Path.Combine(globalPackages, packageId, Version);
            if (Directory.Exists(restored)) Directory.Delete(restored, recursive: true);
            var versions = Path.GetDirectoryName(restored)!;
            if (Directory.Exists(versions) && !Directory.EnumerateFileSystemEntries(versions).Any()) Directory.Delete(versions);
        }
        folder.Dispose();
    }

    private string GlobalPackagesFolder()
    {
        // "global-packages: /root/.nuget/packages/"
        var listed = DotnetCommand.Run(folder.FullPath, "nuget", "locals", "global-packages", "--list").Succeeded("dotnet nuget locals");
        var line = listed.Output.Split('\n').Single(line => line.StartsWith("global-packages:", StringComparison.Ordinal));
        return line["global-packages:".Length..].Trim();
    }
}
