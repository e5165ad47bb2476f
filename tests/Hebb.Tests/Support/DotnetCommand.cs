using System.Diagnostics;

namespace Hebb.Tests.Support;

/// <summary>
/// Runs a program (by default the <c>dotnet</c> that runs the tests) to its end and returns what it printed. Builds
/// started here leave nothing running behind them: no MSBuild node reuse, no build server, no shared compiler.
/// </summary>
internal static class DotnetCommand
{
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>Fails the test with the command's whole output unless it exited with 0.</summary>
        public Result Succeeded(string what)
        {
            Assert.True(ExitCode == 0, $"{what} exited with {ExitCode}:\n{Output}");
            return this;
        }
    }

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public static Result Run(string workingDirectory, params string[] arguments) =>
        RunProgram(Dotnet, workingDirectory, arguments);

    public static Result RunProgram(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host's own MSBuild settings (set by 'dotnet test') must not steer the child's build.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var outcome = ChildProcess.Run(start, TimeSpan.FromMinutes(10), errorsInOutput: true);
        return outcome.Ended
            ? new Result(outcome.ExitCode, outcome.Output)
            : new Result(-1, $"{program} {string.Join(' ', arguments)} did not end within 10 minutes\n{outcome.Output}");
    }
}
