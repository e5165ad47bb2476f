using System.Globalization;
using Hebb.Serialization;
using Hebb.Tests.Data.Tables;
using Hebb.Tests.Serialization.Onnx;

namespace Hebb.Tests.Cli;

/// <summary><c>hebb export --onnx</c> of a model <c>hebb train</c> made from a CSV file: ONNX Runtime on the test file's raw
/// rows gives what <c>hebb predict --input</c> gives for them; <c>hebb import</c> of the export is a one-line error.</summary>
public sealed class TableExportCommandTests : IDisposable
{
    private readonly CsvFiles files = new();

    public void Dispose() => files.Dispose();

    private string PathOf(string name) => Path.Combine(files.Folder, name);

    [Theory]
    [InlineData("label")]
    [InlineData("amount")]
    public void OnnxRuntimeOnTheRawRowsGivesWhatHebbPredictGives(string target)
    {
        string train = files.Write("train.csv", TableRows.Make(300, seed: 1).Csv);
        var test = TableRows.Make(100, seed: 2);
        string testFile = files.Write("test.csv", test.Csv), model = PathOf("model.safetensors"), onnx = PathOf("model.onnx");
        string ignore = target == "label" ? "amount" : "label";
        CliRun.Of("train", "--data", train, "--target", target, "--ignore", ignore, "--epochs", "10", "--output", model).AssertSucceeded();
        bool classes = target == "label";

        var export = Assert.Single(CliRun.Of(classes ? ["export", model, "--onnx", onnx, "--probabilities", "--json"] : ["export", model, "--onnx", onnx, "--json"]).JsonLines());

        Assert.Equal(["x", "colour", "y", "size"], export.GetProperty("inputs").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(classes ? ["logits", "probabilities", "predicted"] : ["predicted"], export.GetProperty("outputs").EnumerateArray().Select(name => name.GetString()));
        var schema = ModelFile.Load(model).Table!;
        var (numbers, texts) = OnnxTableSession.Run(File.ReadAllBytes(onnx), schema, test.Rows);
        var predictions = CliRun.Of("predict", "--model", model, "--input", testFile, "--json").JsonLines();
        Assert.Equal(test.Rows.Count, predictions.Length);
        for (int row = 0; row < predictions.Length; row++)
        {
            string predicted = predictions[row].GetProperty("predicted").GetString()!;
            if (classes)
            {
                Assert.Equal(predicted, texts["predicted"][row]);
                int label = Array.IndexOf(schema.Target.Classes, predicted);
                Assert.Equal(predictions[row].GetProperty("probability").GetDouble(), numbers["probabilities"][row * schema.Target.Classes.Length + label], 1e-5);
            }
            else Assert.Equal(double.Parse(predicted, CultureInfo.InvariantCulture), numbers["predicted"][row], 1e-5);
        }
    }

    [Fact]
    public void ExportPrintsTheColumnsItTakesAndImportRefusesItInOneLine()
    {
        string train = files.Write("train.csv", TableRows.Make(200, seed: 3).Csv);
        string model = PathOf("model.safetensors"), onnx = PathOf("model.onnx"), back = PathOf("back.safetensors");
        CliRun.Of("train", "--data", train, "--target", "amount", "--columns", "x,colour", "--epochs", "2", "--output", model).AssertSucceeded();

        var export = CliRun.Of("export", model, "--onnx", onnx);
        export.AssertSucceeded();
        Assert.EndsWith("ONNX opset 13, inputs 'x', 'colour', output 'predicted'", Assert.Single(export.OutputLines));

        var import = CliRun.Of("import", onnx, "--output", back);
        import.AssertFailed(1, "model.onnx: metadata_props 'hebb.table'", "a table model's export", "use the Hebb model file it was exported from");
        Assert.False(File.Exists(back));

        CliRun.Of("export", model, "--onnx", PathOf("probabilities.onnx"), "--probabilities")
            .AssertFailed(1, "the model is a regression of 'amount', which has no probabilities");
        Assert.False(File.Exists(PathOf("probabilities.onnx")));
    }
}
