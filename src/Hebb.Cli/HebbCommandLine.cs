using System.CommandLine;
using Hebb.Cli.Commands;

namespace Hebb.Cli;

/// <summary>The <c>hebb</c> command: parses, runs the chosen subcommand, and turns failures into one line
/// on stderr and an exit code (the stack trace only with <c>--verbose</c>).</summary>
public static class HebbCommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Print the stack trace of an error", Recursive = true };
        var context = new CommandContext(output, error);
        var root = new RootCommand("Hebb: train, evaluate and run multilayer perceptrons in managed C#.")
        {
            TrainCommand.Create(context),
            EvalCommand.Create(context),
            PredictCommand.Create(context),
            InfoCommand.Create(context),
            ExportCommand.Create(context),
            ImportCommand.Create(context),
            PlotCommand.Create(context),
            TuneCommand.Create(context),
            DemoCommand.Create(context),
        };
        root.Options.Add(verbose);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"hebb: {parsed.Errors[0].Message} (see 'hebb --help')");
            return ExitCode.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception)
        {
            error.WriteLine($"hebb: {OneLine(exception)}");
            if (parsed.GetValue(verbose)) error.WriteLine(exception);
            return exception is UsageException ? ExitCode.Usage : ExitCode.Failure;
        }
    }

    private static string OneLine(Exception exception)
    {
        var message = exception switch
        {
            UnauthorizedAccessException or IOException or InvalidFileException or UsageException or Training.TrainingDivergedException => exception.Message,
            _ => $"{exception.Message} ({exception.GetType().Name})",
        };
        return message.ReplaceLineEndings(" ");
    }
}
