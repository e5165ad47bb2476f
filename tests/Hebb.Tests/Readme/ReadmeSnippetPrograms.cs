using Hebb.Tests.Support;

namespace Hebb.Tests.Readme;

/// <summary>
/// Every <see cref="ReadmeSnippet"/> as a console project of its own that references the library's project, as a
/// user's program references the package; all built, in Release as a user runs them (the blocks train real
/// networks), by one <c>dotnet build</c> of a solution that lists them, in an artifacts folder of its own so that
/// the clone's bin and obj are not touched. One block that does not compile does not stop the others.
/// </summary>
public sealed class ReadmeSnippetPrograms : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly NoteNetworkRun model = new();

    public static IReadOnlyList<ReadmeSnippet> All { get; } = ReadmeSnippet.Files
        .SelectMany(file => ReadmeSnippet.In(file, File.ReadAllText(RepositoryRoot.PathOf(file))))
        .ToArray();

    private string Artifacts => folder.PathOf("artifacts");

    /// <summary>What the one build of all the blocks printed.</summary>
    public string BuildOutput { get; }

    public ReadmeSnippetPrograms()
    {
        // Empty build files stop MSBuild from picking up any that lie above the temporary folder.
        File.WriteAllText(folder.PathOf("Directory.Build.props"), "<Project />");
        File.WriteAllText(folder.PathOf("Directory.Build.targets"), "<Project />");
        var library = RepositoryRoot.PathOf("src", "Hebb", "Hebb.csproj");
        foreach (var snippet in All)
        {
            var project = Directory.CreateDirectory(folder.PathOf(snippet.Name)).FullName;
            File.WriteAllText(Path.Combine(project, snippet.Name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{library}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "Program.cs"), snippet.Code);
        }
        File.WriteAllText(folder.PathOf("Snippets.slnx"),
            $"<Solution>\n{string.Concat(All.Select(snippet => $"  <Project Path=\"{snippet.Name}/{snippet.Name}.csproj\" />\n"))}</Solution>\n");
        BuildOutput = DotnetCommand.Run(folder.FullPath, "build", "Snippets.slnx", "-c", "Release", "--artifacts-path", Artifacts).Output;
    }

    /// <summary>The block's compiled program, or null where it did not compile.</summary>
    public string? ProgramOf(ReadmeSnippet snippet)
    {
        var program = Path.Combine(Artifacts, "bin", snippet.Name, "release", snippet.Name + ".dll");
        return File.Exists(program) ? program : null;
    }

    /// <summary>The compiler's errors in the block, each at its line in the README.</summary>
    public IEnumerable<string> ErrorsIn(ReadmeSnippet snippet)
    {
        var source = $"{snippet.Name}/Program.cs(";
        foreach (var line in BuildOutput.Split('\n').Where(line => line.Contains(source, StringComparison.Ordinal)).Distinct())
        {
            var position = line[(line.IndexOf(source, StringComparison.Ordinal) + source.Length)..];
            int lineInProgram = int.Parse(position[..position.IndexOf(',')]);
            yield return $"{snippet.File}:{snippet.Line + lineInProgram - 1}: {position[(position.IndexOf("): ", StringComparison.Ordinal) + 3)..].Trim()}";
        }
    }

    /// <summary>A fresh folder for the block to run in, holding <c>model.safetensors</c> (the note's network).</summary>
    public string RunFolderFor(ReadmeSnippet snippet)
    {
        var run = Directory.CreateDirectory(folder.PathOf(Path.Combine("runs", snippet.Name))).FullName;
        File.Copy(model.Path, Path.Combine(run, "model.safetensors"), overwrite: true);
        return run;
    }

    public void Dispose()
    {
        model.Dispose();
        folder.Dispose();
    }

    /// <summary>The note's 784-300-100-10 network after one epoch on the first 1,000 digits.</summary>
    private sealed class NoteNetworkRun() : SavedTrainingRun([300, 100], epochs: 1, trainCount: 1000, testCount: 200, seed: 42);
}
