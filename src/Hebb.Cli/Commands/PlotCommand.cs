using System.CommandLine;
using Hebb.Cli.Output;
using Hebb.Cli.Plots;
using Hebb.Serialization;
using ScottPlot;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb plot</c>: the course note's figures, and a training run's curves, as PNG or SVG images.</summary>
internal static class PlotCommand
{
    public static Command Create(CommandContext context) =>
        new("plot", $"Draw a figure as a PNG image ({SideBySide.Width}x{SideBySide.Height} pixels), or SVG when the file name ends in .svg")
        {
            FigureCommand(context, "activations", "Step, sigmoid, tanh, ReLU, leaky ReLU and ELU beside their derivatives, over [-5, 5]",
                "activations.png", _ => ActivationsFigure.Create()),
            FigureCommand(context, "xor", "Decision surfaces of the note's hand-wired XOR network, with heaviside and with sigmoid",
                "xor.png", _ => XorFigure.Create()),
            HistoryCommand(context),
        };

    private static Command HistoryCommand(CommandContext context)
    {
        var model = new Argument<string>("MODEL_FILE") { Description = "A model file written by 'hebb train', which keeps its per-epoch history" };
        return FigureCommand(context, "history", "Loss and accuracy (train and test) per epoch of the training run that made a model",
            "history.png", parsed => HistoryFigure.Create(ModelFile.Load(parsed.GetValue(model)!).History()), model);
    }

    /// <summary>A subcommand that draws one figure and saves it where <c>--output</c> says, in the format its extension names.</summary>
    private static Command FigureCommand(CommandContext context, string name, string description, string defaultFile,
        Func<ParseResult, Multiplot> draw, params Argument[] arguments)
    {
        var output = new Option<string>("--output")
        {
            Description = "Where to save the image: a .png or .svg file",
            HelpName = "FILE",
            DefaultValueFactory = _ => defaultFile,
        };
        var json = SharedOptions.Json();
        var command = new Command(name, description) { output, json };
        foreach (var argument in arguments) command.Arguments.Add(argument);
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(output)!;
            var format = FigureFile.FormatOf(path);
            var saved = FigureFile.Save(draw(parsed), path, format, SideBySide.Width, SideBySide.Height);
            context.Output.WriteLine(parsed.GetValue(json)
                ? Json.Line(new Dictionary<string, object?>
                {
                    ["path"] = saved.Path,
                    ["format"] = saved.Format.ToString().ToLowerInvariant(),
                    ["width"] = saved.Width,
                    ["height"] = saved.Height,
                })
                : $"saved {saved.Path}");
            return ExitCode.Success;
        });
        return command;
    }
}
