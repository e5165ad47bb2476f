using System.CommandLine;
using System.Globalization;
using Hebb.Cli.Output;
using Hebb.Serialization;

namespace Hebb.Cli.Commands;

/// <summary><c>hebb predict</c>: the note's last step — restore the model, take the argmax of the logits
/// of the first test images — or classify one PNG.</summary>
internal static class PredictCommand
{
    public static Command Create(CommandContext context)
    {
        var model = SharedOptions.Model();
        var data = SharedOptions.Data();
        var count = new Option<int>("--count") { Description = "How many test images, from the first", DefaultValueFactory = _ => 20 };
        var image = new Option<string?>("--image")
        {
            Description = "Classify this grayscale PNG instead (28x28, white digit on black as in MNIST)",
            HelpName = "FILE",
        };
        var invert = new Option<bool>("--invert") { Description = "With --image: the digit is dark on a light background" };
        var input = new Option<string?>("--input")
        {
            Description = "Predict every row of this CSV file instead, with a model trained on a table (columns matched by name)",
            HelpName = "FILE",
        };
        var output = new Option<string?>("--output") { Description = "With --input: write the predictions to this CSV file rather than print them", HelpName = "FILE" };
        var delimiter = TableArguments.Delimiter();
        var json = SharedOptions.Json();
        var command = new Command("predict", "Predict classes with a saved model") { model, data, count, image, invert, input, output, delimiter, json };
        command.SetAction(parsed =>
        {
            var saved = ModelFile.Load(parsed.GetValue(model)!);
            if (parsed.GetValue(input) is { } inputPath)
                return TablePredictions.Write(context, saved, TableArguments.Read(inputPath, TableArguments.DelimiterOf(parsed, delimiter), "--input"),
                    parsed.GetValue(output), parsed.GetValue(json));
            if (saved.Table is not null) throw new UsageException($"--input: {saved.Path} was trained on a table; give it a CSV file of rows to predict");
            if (parsed.GetValue(image) is { } imagePath)
            {
                var pixels = PngImage.ReadGrayscale(imagePath, parsed.GetValue(invert), saved.Model.InputWidth!.Value);
                var predictor = saved.CreatePredictor(maxBatch: 1);
                var probabilities = new float[predictor.OutputWidth];
                int predicted = predictor.Predict(pixels, probabilities);
                context.Output.WriteLine(parsed.GetValue(json)
                    ? Json.Line(new Dictionary<string, object?> { ["file"] = Path.GetFullPath(imagePath), ["predicted"] = predicted, ["probabilities"] = probabilities })
                    : string.Create(CultureInfo.InvariantCulture, $"{imagePath}: {predicted} (probability {probabilities[predicted]:F4})"));
                return ExitCode.Success;
            }

            int wanted = parsed.GetValue(count);
            if (wanted < 1) throw new UsageException($"--count: expected a positive integer, found {wanted}");
            var (test, source) = SharedOptions.LoadTestData(parsed.GetValue(data));
            saved.CheckInputs(test.FeatureCount, source);
            int n = Math.Min(wanted, test.Count);
            var predictions = new int[n];
            saved.CreatePredictor(maxBatch: Math.Min(n, Inference.Predictor.DefaultMaxBatch)).Predict(test.Features(0, n).Data, predictions);
            var labels = test.LabelArray(0, n);
            int right = 0;
            for (int i = 0; i < n; i++)
            {
                if (predictions[i] == labels[i]) right++;
                context.Output.WriteLine(parsed.GetValue(json)
                    ? Json.Line(new Dictionary<string, object?> { ["index"] = i, ["predicted"] = predictions[i], ["actual"] = labels[i] })
                    : $"test image {i,5}: predicted {predictions[i]}, actual {labels[i]}{(predictions[i] == labels[i] ? "" : "  <- wrong")}");
            }
            if (!parsed.GetValue(json)) context.Output.WriteLine($"{right} of {n} right");
            return ExitCode.Success;
        });
        return command;
    }
}
