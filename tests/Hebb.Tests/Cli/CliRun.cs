using System.Text.Json;
using Hebb.Cli;

namespace Hebb.Tests.Cli;

/// <summary>What one in-process run of the <c>hebb</c> command returned and wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = HebbCommandLine.Run(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] OutputLines => Lines(Output);
    public string[] ErrorLines => Lines(Error);

    /// <summary>Each line of the output parsed as one JSON object, as JSON Lines readers would.</summary>
    public JsonElement[] JsonLines() => OutputLines.Select(line => JsonSerializer.Deserialize<JsonElement>(line)).ToArray();

    public void AssertSucceeded() => Assert.True(ExitCode == 0 && Error.Length == 0, $"exit code {ExitCode}, stderr: {Error}");

    /// <summary>The failure contract: the exit code, nothing on stdout, one 'hebb: ' line on stderr and no stack trace.</summary>
    public void AssertFailed(int exitCode, params string[] mentions)
    {
        Assert.True(ExitCode == exitCode, $"exit code {ExitCode}, expected {exitCode}; stderr: {Error}");
        Assert.Equal("", Output);
        // One line, so no stack trace, whose lines would follow it.
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("hebb: ", line);
        foreach (var mention in mentions) Assert.Contains(mention, line);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
