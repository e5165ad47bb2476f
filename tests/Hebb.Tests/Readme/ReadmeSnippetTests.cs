using Hebb.Tests.Support;

namespace Hebb.Tests.Readme;

/// <summary>Every C# block of the READMEs compiles against the library and runs to its end (<see cref="ReadmeSnippet"/>
/// says what a block must be).</summary>
public sealed class ReadmeSnippetTests(ReadmeSnippetPrograms programs) : IClassFixture<ReadmeSnippetPrograms>
{
    public static TheoryData<string> Blocks => new(ReadmeSnippetPrograms.All.Select(snippet => snippet.ToString()));

    [Theory, MemberData(nameof(Blocks))]
    public void TheBlockCompilesAndRuns(string block)
    {
        var snippet = ReadmeSnippetPrograms.All.Single(snippet => snippet.ToString() == block);
        var program = programs.ProgramOf(snippet);
        Assert.True(program is not null, $"{block} does not compile:\n{string.Join('\n', programs.ErrorsIn(snippet))}");

        DotnetCommand.Run(programs.RunFolderFor(snippet), program).Succeeded($"the program of {block}");
    }

    /// <summary>A block marked <c>```cs</c> or <c>```c#</c> would look the same on the page and never be checked.</summary>
    [Fact]
    public void EveryCSharpBlockIsMarkedCsharp()
    {
        foreach (var file in ReadmeSnippet.Files)
        {
            var fences = File.ReadAllLines(RepositoryRoot.PathOf(file)).Select(line => line.Trim())
                .Where(line => line.StartsWith("```", StringComparison.Ordinal));
            Assert.DoesNotContain(fences, fence => fence is "```cs" or "```c#" or "```C#" or "```CSharp");
        }
        Assert.True(ReadmeSnippetPrograms.All.Count(snippet => snippet.File == "README.md") >= 5);
    }
}
