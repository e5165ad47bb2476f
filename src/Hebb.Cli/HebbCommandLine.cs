using System.CommandLine;
using System.CommandLine.Help;
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
        // A plain command named 'hebb' rather than a RootCommand, whose name (and so the help's 'Usage:' line) is
        // the executable's file name: Hebb.Cli under 'dotnet run', testhost under the tests.
        var root = new Command("hebb", "Hebb: train, evaluate and run multilayer perceptrons in managed C#.") { new HelpOption(), new VersionOption() };
        foreach (var (name, create) in Subcommands)
            if (!NamesSubcommand(args) || args[0] == name) root.Subcommands.Add(create(context));
        root.Options.Add(verbose);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"hebb: {UnknownCommand(root, args) ?? parsed.Errors[0].Message} (see 'hebb --help')");
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

    /// <summary>The subcommands, each by the name its factory gives it (a test checks that the two agree). When the first
    /// argument names one, only that one is built: the same parser for it, without building the others and their
    /// options, which a one-shot command such as <c>hebb predict</c> would wait for at every start.</summary>
    internal static readonly (string Name, Func<CommandContext, Command> Create)[] Subcommands =
    [
        ("train", TrainCommand.Create),
        ("eval", EvalCommand.Create),
        ("predict", PredictCommand.Create),
        ("info", InfoCommand.Create),
        ("export", ExportCommand.Create),
        ("import", ImportCommand.Create),
        ("plot", PlotCommand.Create),
        ("tune", TuneCommand.Create),
        ("serve", ServeCommand.Create),
        ("demo", DemoCommand.Create),
        ("mpi-check", MpiCheckCommand.Create),
    ];

    // A loop rather than Enumerable.Any, whose generic code over these tuples would be compiled at every start.
    private static bool NamesSubcommand(string[] args)
    {
        if (args.Length == 0) return false;
        foreach (var (name, _) in Subcommands)
            if (name == args[0]) return true;
        return false;
    }

    // The parser's own words for 'hebb trian', and for 'hebb' alone, are "Required command was not provided.": name
    // the word that is no command, the command it is closest to, and the commands there are.
    private static string? UnknownCommand(Command root, string[] args)
    {
        var names = root.Subcommands.Where(command => !command.Hidden).Select(command => command.Name).ToList();
        string choices = $"expected one of {string.Join(", ", names)}";
        if (args.Length == 0) return $"no command given; {choices}";
        if (args[0].StartsWith('-') || names.Contains(args[0])) return null;
        var closest = names.MinBy(name => EditDistance(name, args[0]))!;
        string suggestion = EditDistance(closest, args[0]) <= 2 ? $" (did you mean '{closest}'?)" : "";
        return $"unknown command '{InvalidFileException.Echo(args[0])}'{suggestion}; {choices}";
    }

    // Levenshtein distance: insertions, deletions and substitutions, each costing one.
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>The error's one line on stderr (without the 'hebb: ' prefix).</summary>
    internal static string OneLine(Exception exception)
    {
        var message = exception switch
        {
            UnauthorizedAccessException or IOException or InvalidFileException or UsageException or Training.TrainingDivergedException
                or Hebb.Distributed.MpiUnavailableException or Tuning.SearchMismatchException => exception.Message,
            _ => $"{exception.Message} ({exception.GetType().Name})",
        };
        return message.ReplaceLineEndings(" ");
    }
}
