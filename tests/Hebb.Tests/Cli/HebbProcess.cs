using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Hebb.Tests.Cli;

/// <summary>
/// The real <c>hebb</c> command as a child process (the test build's Hebb.Cli.dll), for what only a process shows: exit
/// codes after signals, kills, what is left on disk. Its output is drained as it comes, so that a full pipe never stalls it.
/// </summary>
internal sealed partial class HebbProcess : IDisposable
{
    private readonly Process process;
    private readonly BlockingCollection<string> lines = [];
    private readonly List<string> output = [];
    private readonly List<string> errors = [];

    private HebbProcess(IEnumerable<string> args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(ResetsSignals.Value ? Env : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (ResetsSignals.Value)
        {
            start.ArgumentList.Add(DefaultSignals);
            start.ArgumentList.Add(dotnet);
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hebb.Cli.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (output) output.Add(line.Data);
            lines.Add(line.Data);
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (errors) errors.Add(line.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static HebbProcess Start(params string[] args) => new(args);

    private const string Env = "/usr/bin/env";
    private const string DefaultSignals = "--default-signal=INT,TERM";

    /// <summary>
    /// Whether the child is started through GNU env with SIGINT and SIGTERM set back to their default handling. A test
    /// run started as a shell's background job ignores SIGINT, an ignored signal stays ignored across exec, and .NET
    /// keeps it so (as nohup expects): the child would never see the Ctrl+C that the tests send. A terminal's foreground
    /// job, which the tests stand for, has the default handling. Where env has no --default-signal (coreutils before
    /// 8.31, BusyBox, macOS) the child is started directly.
    /// </summary>
    private static readonly Lazy<bool> ResetsSignals = new(() =>
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Env)) return false;
        var probe = new ProcessStartInfo(Env) { RedirectStandardOutput = true, RedirectStandardError = true };
        probe.ArgumentList.Add(DefaultSignals);
        probe.ArgumentList.Add("true");
        using var process = Process.Start(probe)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    });

    public int ExitCode => process.ExitCode;

    public string[] Output
    {
        get { lock (output) return [.. output]; }
    }

    public string[] Errors
    {
        get { lock (errors) return [.. errors]; }
    }

    /// <summary>Waits for the first line of output that satisfies <paramref name="match"/>; false when the process
    /// ended or <paramref name="timeout"/> passed first.</summary>
    public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (lines.TryTake(out var line, TimeSpan.FromMilliseconds(50)))
            {
                if (match(line)) return true;
            }
            else if (process.HasExited && lines.Count == 0) return false;
        }
        return false;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout)) return false;
        process.WaitForExit(); // and for the output streams to be drained
        return true;
    }

    /// <summary>Sends the POSIX signal <paramref name="signal"/> (e.g. 2 for SIGINT, 15 for SIGTERM).</summary>
    public void Signal(int signal)
    {
        if (Kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>SIGKILL, with no chance to clean up.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) KillHard();
        process.Dispose();
        lines.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
