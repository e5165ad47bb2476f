using System.Text;
using System.Text.Json;
using Hebb.Cli.Output;
using Hebb.Data;
using Hebb.Data.Tables;
using Hebb.Inference;
using Hebb.Serialization;

namespace Hebb.Cli.Serve;

/// <summary>What <c>GET /v1/model</c> says of a model: the file, the architecture (as <c>hebb info --json</c> gives it),
/// the input it takes (for a table model, its columns), the classes it gives (or the quantity), and the file's metadata. The page reads it to draw itself.</summary>
internal static class ModelDescription
{
    /// <summary>The side of the square images the drawing canvas makes: MNIST's 28.</summary>
    public const int ImageSide = 28;

    public static byte[] Json(SavedModel saved, Predictor predictor)
    {
        var metadata = new Dictionary<string, object?>();
        foreach (var (key, value) in saved.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            metadata[key] = ParsedOrText(value);
        bool image = predictor.InputWidth == ImageSide * ImageSide;
        return Encoding.UTF8.GetBytes(Output.Json.Line(new Dictionary<string, object?>
        {
            ["file"] = Path.GetFileName(saved.Path),
            ["summary"] = saved.Model.ToString(),
            ["parameters"] = saved.Model.ParameterCount,
            ["architecture"] = ArchitectureRows.Of(saved.Model).Select(row => row.ToJson()).ToArray(),
            ["input"] = new Dictionary<string, object?>
            {
                ["dtype"] = "float32",
                ["shape"] = new[] { predictor.InputWidth },
                // A 784-value model is taken to read MNIST's images: the page offers its canvas for it.
                ["image"] = image && saved.Table is null ? new Dictionary<string, object?> { ["height"] = ImageSide, ["width"] = ImageSide } : null,
                ["columns"] = saved.Table?.Features.Select(Column).ToArray(),
            },
            ["output"] = saved.Table is { } table ? TargetOutput(table.Target) : new Dictionary<string, object?> { ["classes"] = predictor.OutputWidth },
            ["max_batch"] = predictor.MaxBatch,
            ["metadata"] = metadata,
        }));
    }

    // A table model's instance is an object of these columns: the page makes its form from them.
    private static Dictionary<string, object?> Column(FeatureColumn feature) => feature.Numeric
        ? new() { ["name"] = feature.Name, ["type"] = "number", ["mean"] = feature.Mean, ["scale"] = feature.Scale, ["fill"] = feature.Fill }
        : new() { ["name"] = feature.Name, ["type"] = "text", ["categories"] = feature.Categories, ["fill"] = feature.Fill };

    private static Dictionary<string, object?> TargetOutput(TargetColumn target) => target.Task == LearningTask.Regression
        ? new() { ["target"] = target.Name, ["task"] = "regression", ["mean"] = target.Mean, ["scale"] = target.Scale }
        : new() { ["target"] = target.Name, ["task"] = "classification", ["classes"] = target.Classes.Length, ["names"] = target.Classes };

    // The metadata's JSON entries (architecture, training, history) are shown as JSON, the rest as strings.
    private static object ParsedOrText(string value)
    {
        try { return JsonDocument.Parse(value).RootElement.Clone(); }
        catch (JsonException) { return value; }
    }
}
