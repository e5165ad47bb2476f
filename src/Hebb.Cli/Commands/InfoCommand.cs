using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hebb.Cli.Output;
using Hebb.Layers;
using Hebb.Serialization;
using Spectre.Console;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb info</c>: what a model file holds — architecture, parameter count, metadata.</summary>
internal static class InfoCommand
{
    /// <summary>Metadata entries that hold JSON; they are shown parsed, not as strings.</summary>
    private static readonly string[] JsonEntries = ["hebb.architecture", "hebb.training", "hebb.history", "hebb.checkpoint", RunArguments.Key, Hebb.Data.Tables.TableSchema.Key];

    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A model file written by 'hebb train'" };
        var json = SharedOptions.Json();
        var command = new Command("info", "Show the architecture, parameter count, input schema (of a table model) and metadata of a saved model") { file, json };
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(file)!;
            var saved = ModelFile.Load(path);
            var layers = ArchitectureRows.Of(saved.Model);
            var otherMetadata = saved.Metadata.Where(pair => !JsonEntries.Contains(pair.Key))
                .OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary();
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
                {
                    ["file"] = Path.GetFullPath(path),
                    ["architecture"] = layers.Select(layer => layer.ToJson()).ToArray(),
                    ["parameters"] = saved.Model.ParameterCount,
                    ["training"] = ParsedEntry(saved, "hebb.training"),
                    ["history"] = ParsedEntry(saved, "hebb.history"),
                    ["checkpoint"] = ParsedEntry(saved, "hebb.checkpoint"),
                    ["command_line"] = ParsedEntry(saved, RunArguments.Key),
                    ["table"] = saved.Table is null ? null : TableSchemaView.ToJson(saved.Table),
                    ["metadata"] = otherMetadata,
                }));
                return ExitCode.Success;
            }

            context.Output.WriteLine($"{path}: {saved.Model}, {saved.Model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters");
            var console = Terminal.For(context);
            var architecture = new Table().Title("architecture").AddColumns("layer", "type", "inputs", "outputs", "activation", "parameters");
            foreach (var layer in layers)
                architecture.AddRow(layer.Layer.Name, Kind(layer.Layer), Number(layer.Inputs), Number(layer.Outputs), layer.Activation,
                    Number(layer.Layer.Parameters.Sum(p => (long)p.Value.Length)));
            console.Write(architecture);

            if (saved.Table is not null)
            {
                var schema = new Table().Title("input schema").AddColumns("column", "type", "inputs", "fitted on the training rows", "fills a missing cell");
                foreach (var row in TableSchemaView.Rows(saved.Table)) schema.AddRow(row.Select(Markup.Escape).ToArray());
                console.Write(schema);
                foreach (var line in TableSchemaView.Lines(saved.Table)) context.Output.WriteLine(line);
            }

            var metadata = new Table().Title("metadata").AddColumns("key", "value");
            if (ParsedEntry(saved, "hebb.training") is JsonElement { ValueKind: JsonValueKind.Object } training)
                foreach (var setting in training.EnumerateObject())
                    metadata.AddRow(Markup.Escape($"training.{setting.Name}"), Markup.Escape(setting.Value.ToString()));
            foreach (var (key, value) in otherMetadata)
                metadata.AddRow(Markup.Escape(key), Markup.Escape(value));
            console.Write(metadata);

            if (ParsedEntry(saved, "hebb.history") is JsonElement { ValueKind: JsonValueKind.Array } history && history.GetArrayLength() > 0)
                context.Output.WriteLine(LastEpochLine(history[history.GetArrayLength() - 1]));
            if (saved.Metadata.ContainsKey("hebb.checkpoint"))
                context.Output.WriteLine($"holds the run's state (optimizer, schedule, generators): go on with 'hebb train --resume {path} [--epochs N]'");
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>The layer's kind, with the rate of a dropout layer.</summary>
    private static string Kind(Layer layer) =>
        layer is Dropout dropout ? $"dropout {dropout.Rate.ToString(CultureInfo.InvariantCulture)}" : layer.Kind;

    private static JsonElement? ParsedEntry(SavedModel saved, string key)
    {
        if (!saved.Metadata.TryGetValue(key, out var text)) return null;
        try { return JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException error) { throw new InvalidFileException(saved.Path, $"__metadata__.{key}", $"expected JSON, {error.Message}"); }
    }

    // The history writes NaN, the test accuracy of training without a test set, as the string "NaN".
    /// <summary>The last epoch's figures, as far as the (possibly hand-edited) history holds them.</summary>
    private static string LastEpochLine(JsonElement last)
    {
        string Field(string name, string format) => last.ValueKind == JsonValueKind.Object && last.TryGetProperty(name, out var value)
            ? (value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString(format, CultureInfo.InvariantCulture) : value.ToString())
            : "?";
        return $"last epoch {Field("epoch", "F0")}: loss {Field("loss", "F4")}, test accuracy {Field("test_accuracy", "F4")}";
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
