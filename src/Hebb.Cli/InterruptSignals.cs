using System.Runtime.InteropServices;

namespace Hebb.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM into a cancellation, so that a long command can stop at a safe point and
/// say so, instead of dying wherever it was (with a terminal's cursor still hidden by a progress bar). A second signal
/// terminates the process as usual, for a user who will not wait.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly PosixSignalRegistration[] registrations;

    public InterruptSignals()
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>The signal that cancelled <see cref="Token"/>, if any.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>The shell's exit status for a process ended by the signal: 128 + its number (SIGINT 2 → 130, SIGTERM 15 → 143).</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? 143 : 130;

    /// <summary>The signal's name, SIGINT or SIGTERM.</summary>
    public string Name => Received == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    private void Handle(PosixSignalContext context)
    {
        if (Received is not null) return;
        Received = context.Signal;
        context.Cancel = true;
        cancellation.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        cancellation.Dispose();
    }
}
