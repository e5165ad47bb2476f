using System.Diagnostics;
using Hebb.Tests.Support;

namespace Hebb.Tests.Distributed;

/// <summary>
/// The test build's <c>hebb</c> started on N ranks by Open MPI's <c>mpirun</c> (real processes talking over Open MPI's
/// shared-memory and TCP transports), run to its end within a minute; stdout and stderr are kept apart.
/// </summary>
internal static class MpiRun
{
    /// <summary>mpirun's path, or null when Open MPI is not installed.</summary>
    public static string? Launcher { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "mpirun"))
        .FirstOrDefault(File.Exists);

    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public Result Succeeded(string what)
        {
            Assert.True(ExitCode == 0, $"{what} exited with {ExitCode}:\n{Output}\n{Errors}");
            return this;
        }
    }

    /// <summary><c>mpirun -np <paramref name="ranks"/> hebb <paramref name="args"/></c>.</summary>
    public static Result Hebb(int ranks, params string[] args) => Launch([(ranks, args)], []);

    /// <summary><c>mpirun -x <paramref name="setting"/> -np <paramref name="ranks"/> hebb <paramref name="args"/></c>: every
    /// rank with the environment variable NAME=VALUE (or none).</summary>
    public static Result Hebb(string? setting, int ranks, params string[] args) => Launch([(ranks, args)], setting is null ? [] : ["-x", setting]);

    /// <summary>One rank per element, each with its own command line (mpirun's <c>-np 1 A : -np 1 B</c>), rank 0 first.</summary>
    public static Result HebbPerRank(params string[][] argsOfEachRank) => Launch(argsOfEachRank.Select(args => (1, args)).ToArray(), []);

    private static Result Launch((int Ranks, string[] Args)[] groups, string[] options)
    {
        var start = new ProcessStartInfo(Launcher ?? throw new InvalidOperationException("mpirun is not on PATH"));
        // More ranks than cores is allowed (the tests' machines may have 1 or 2).
        start.ArgumentList.Add("--oversubscribe");
        foreach (var option in options) start.ArgumentList.Add(option);
        int first = start.ArgumentList.Count;
        foreach (var (ranks, args) in groups)
        {
            if (start.ArgumentList.Count > first) start.ArgumentList.Add(":");
            start.ArgumentList.Add("-np");
            start.ArgumentList.Add(ranks.ToString());
            start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hebb.Cli.dll"));
            foreach (var arg in args) start.ArgumentList.Add(arg);
        }
        // Open MPI refuses to start as root (containers, CI) unless told twice.
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        // Open MPI hands each rank's stdout a pseudo-terminal, on which .NET's console writes the terminal's keypad
        // escape first; a dumb terminal has none.
        start.Environment["TERM"] = "dumb";

        var outcome = ChildProcess.Run(start, TimeSpan.FromSeconds(90));
        Assert.True(outcome.Ended, $"mpirun {string.Join(' ', start.ArgumentList)} did not end within 90 s (a hang):\n{outcome.Output}\n{outcome.Errors}");
        return new Result(outcome.ExitCode, outcome.Output, outcome.Errors);
    }
}
