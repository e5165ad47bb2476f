using System.CommandLine;
using System.Globalization;
using Hebb.Cli.Output;
using Hebb.Layers;
using Hebb.Serialization;
using Spectre.Console;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb info</c>: what a model file holds — architecture, parameter count, metadata.</summary>
internal static class InfoCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A model file written by 'hebb train'" };
        var json = SharedOptions.Json();
        var command = new Command("info", "Show the architecture, parameter count and metadata of a saved model") { file, json };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(file)!;
            var saved = ModelFile.Load(path);
            var layers = saved.Model.Layers.Cast<Dense>().Select(layer => new Dictionary<string, object?>
            {
                ["name"] = layer.Name,
                ["inputs"] = layer.Inputs,
                ["outputs"] = layer.Outputs,
                ["activation"] = layer.Activation.Name,
            }).ToArray();
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
                {
                    ["file"] = Path.GetFullPath(path),
                    ["architecture"] = layers,
                    ["parameters"] = saved.Model.ParameterCount,
                    ["metadata"] = saved.Metadata,
                }));
                return ExitCode.Success;
            }
            var console = Terminal.For(context);
            console.WriteLine($"{path}: {saved.Model}");
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{saved.Model.ParameterCount:N0} parameters"));
            var table = new Table().AddColumn("key").AddColumn("value");
            foreach (var (key, value) in saved.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(key), Markup.Escape(value.Length > 200 ? value[..200] + "…" : value));
            console.Write(table);
            return ExitCode.Success;
        });
        return command;
    }
}
