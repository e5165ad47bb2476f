using System.CommandLine;
using Hebb.Cli.Output;
using Hebb.Serialization;
using Hebb.Serialization.Onnx;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb export</c>: a model file as ONNX, to run wherever ONNX Runtime runs.</summary>
internal static class ExportCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A model file written by 'hebb train' or 'hebb import'" };
        var onnx = new Option<string>("--onnx")
        {
            Description = $"The ONNX file to write (opset {OnnxExport.Opset}): input '{OnnxExport.InputName}' [batch, features], output '{OnnxExport.LogitsName}' [batch, classes]; "
                + $"a table model takes one input per column, as in the CSV file, and adds '{OnnxExport.PredictedName}'",
            HelpName = "OUT",
            Required = true,
        };
        var probabilities = new Option<bool>("--probabilities")
        {
            Description = $"Add a second output '{OnnxExport.ProbabilitiesName}', the softmax of the logits",
        };
        var json = SharedOptions.Json();
        var command = new Command("export", "Write a saved model as an ONNX file") { file, onnx, probabilities, json };
        command.SetAction(parsed =>
        {
            string output = parsed.GetValue(onnx)!;
            SharedOptions.CheckOutputPath(output, "--onnx");
            var saved = ModelFile.Load(parsed.GetValue(file)!);
            bool withProbabilities = parsed.GetValue(probabilities);
            OnnxExport.Save(saved.Model, output, withProbabilities, saved.Table);
            var inputs = OnnxExport.InputNames(saved.Table);
            var outputs = OnnxExport.OutputNames(withProbabilities, saved.Table);
            if (parsed.GetValue(json))
                context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
                {
                    ["path"] = Path.GetFullPath(output),
                    ["opset"] = OnnxExport.Opset,
                    ["model"] = saved.Model.ToString(),
                    ["inputs"] = inputs,
                    ["outputs"] = outputs,
                }));
            else
                context.Output.WriteLine($"saved {output}: {saved.Model}, ONNX opset {OnnxExport.Opset}, {Named("input", inputs)}, {Named("output", outputs)}");
            return ExitCode.Success;
        });
        return command;
    }

    // "input 'inputs'", "inputs 'x', 'colour'": the exported graph's values as ONNX Runtime is given them by name.
    private static string Named(string what, IReadOnlyList<string> names) =>
        $"{what}{(names.Count == 1 ? "" : "s")} {string.Join(", ", names.Select(name => $"'{InvalidFileException.Echo(name)}'"))}";
}
