using Spectre.Console;

namespace Hebb.Cli.Output;

/// <summary>A Spectre console writing to the command's output: colours on a terminal, plain text elsewhere.</summary>
internal static class Terminal
{
    public static IAnsiConsole For(CommandContext context) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(context.Output),
        Ansi = context.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = context.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = context.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
