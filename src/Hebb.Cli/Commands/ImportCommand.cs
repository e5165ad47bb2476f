using System.CommandLine;
using Hebb.Cli.Output;
using Hebb.Serialization.Onnx;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb import</c>: a multilayer perceptron from an ONNX file (e.g. from <c>torch.onnx.export</c>) as a Hebb model file.</summary>
internal static class ImportCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "An ONNX file holding a chain of Gemm or MatMul+Add layers and activations" };
        var output = new Option<string?>("--output")
        {
            Description = "The model file to write; default: FILE with the extension .safetensors",
            HelpName = "FILE",
        };
        var json = SharedOptions.Json();
        var command = new Command("import", "Read a multilayer perceptron from an ONNX file into a Hebb model file") { file, output, json };
        command.SetAction(parsed =>
        {
            string source = parsed.GetValue(file)!;
            string target = parsed.GetValue(output) ?? Path.ChangeExtension(source, ".safetensors");
            SharedOptions.CheckOutputPath(target);
            var imported = OnnxImport.Load(source);
            imported.Save(target);
            if (parsed.GetValue(json))
                context.Output.WriteLine(Json.Line(new Dictionary<string, object?>
                {
                    ["path"] = Path.GetFullPath(target),
                    ["model"] = imported.Model.ToString(),
                    ["parameters"] = imported.Model.ParameterCount,
                    ["dropped_output_node"] = imported.DroppedOutputNode,
                }));
            else
            {
                context.Output.WriteLine($"saved {target}: {imported.Model}");
                if (imported.DroppedOutputNode is not null)
                    context.Output.WriteLine($"left out the final {imported.DroppedOutputNode}: the model ends in logits, which give the same classes (apply softmax for probabilities)");
            }
            return ExitCode.Success;
        });
        return command;
    }
}
