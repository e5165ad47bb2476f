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
            Description = $"The ONNX file to write (opset {OnnxExport.Opset}): input '{OnnxExport.InputName}' [batch, features], output '{OnnxExport.LogitsName}' [batch, classes]",
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
            OnnxExport.Save(saved.Model, output, withProbabilities);
            string[] outputs = withProbabilities ? [OnnxExport.LogitsName, OnnxExport.ProbabilitiesName] : [OnnxExport.LogitsName];
            if (parsed.GetValue(json))
                context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
                {
                    ["path"] = Path.GetFullPath(output),
                    ["opset"] = OnnxExport.Opset,
                    ["model"] = saved.Model.ToString(),
                    ["input"] = OnnxExport.InputName,
                    ["outputs"] = outputs,
                }));
            else
                context.Output.WriteLine($"saved {output}: {saved.Model}, ONNX opset {OnnxExport.Opset}, input '{OnnxExport.InputName}', outputs {string.Join(", ", outputs.Select(name => $"'{name}'"))}");
            return ExitCode.Success;
        });
        return command;
    }
}
