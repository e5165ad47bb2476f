namespace Hebb.Tests.Readme;

/// <summary>
/// One <c>```csharp</c> block of a README, by its file and the line its code starts on. The convention every
/// block keeps: it is a whole program, top-level statements with their own <c>using</c> directives, that compiles
/// against the Hebb library alone (with .NET's implicit usings) and runs to its end, exit code 0, in a folder
/// where <c>model.safetensors</c> is a model of the note's network (so that a block about loading a model can
/// load one without training it first).
/// </summary>
public sealed record ReadmeSnippet(string File, int Line, string Code)
{
    /// <summary>The READMEs whose C# blocks must compile and run: the repository's and the library package's.</summary>
    public static readonly string[] Files = ["README.md", "src/Hebb/README.md"];

    public static IEnumerable<ReadmeSnippet> In(string file, string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp") continue;
            int end = Array.FindIndex(lines, i + 1, line => line.Trim() == "```");
            if (end < 0) throw new FormatException($"{file}:{i + 1}: the ```csharp block is never closed");
            yield return new ReadmeSnippet(file, i + 2, string.Join('\n', lines[(i + 1)..end]) + "\n");
            i = end;
        }
    }

    /// <summary>A name for the block's project: its file and line, e.g. README_md_75.</summary>
    public string Name => $"{File.Replace('/', '_').Replace('.', '_')}_{Line}";

    public override string ToString() => $"{File}:{Line}";
}
