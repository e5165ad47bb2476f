using System.Diagnostics;
using System.Text;

namespace Hebb.Tests.Support;

/// <summary>
/// Runs a child process to its end, draining stdout and stderr as they come (a full pipe never stalls it); one that
/// outlives its time is killed with its whole tree.
/// </summary>
internal static class ChildProcess
{
    /// <summary>What the process printed; <see cref="Ended"/> false when it was killed for outliving its time.</summary>
    public sealed record Outcome(bool Ended, int ExitCode, string Output, string Errors);

    /// <summary>Runs <paramref name="start"/> (its streams redirected here) for up to <paramref name="timeout"/>; with
    /// <paramref name="errorsInOutput"/>, stderr's lines go into <see cref="Outcome.Output"/> in the order they came.</summary>
    public static Outcome Run(ProcessStartInfo start, TimeSpan timeout, bool errorsInOutput = false)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new StringBuilder();
        var errors = errorsInOutput ? output : new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (errors) errors.AppendLine(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool ended = process.WaitForExit(timeout);
        if (!ended) process.Kill(entireProcessTree: true);
        process.WaitForExit(); // and for the streams to be drained
        lock (output) lock (errors) return new Outcome(ended, ended ? process.ExitCode : -1, output.ToString(), errorsInOutput ? "" : errors.ToString());
    }
}
