namespace Hebb.Cli;

/// <summary>Where a command writes: the process's streams, or a test's.</summary>
internal sealed record CommandContext(TextWriter Output, TextWriter Error)
{
    /// <summary>Progress bars and colours only on an interactive terminal, never into a file or a pipe.</summary>
    public bool IsTerminal => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;
}
