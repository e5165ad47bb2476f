using Spectre.Console;

namespace Hebb.Cli.Output;

/// <summary>A Spectre console writing to the command's output: colours on a terminal, plain text elsewhere.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(CommandContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Output),
            Ansi = context.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = context.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Into a file or a pipe there is no screen to wrap at; keep tables whole.
        if (!context.IsTerminal) console.Profile.Width = 160;
        return console;
    }
}
