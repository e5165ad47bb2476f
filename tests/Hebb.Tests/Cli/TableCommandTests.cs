using System.Globalization;
using System.Text.Json;
using Hebb.Serialization;
using Hebb.Tests.Data.Tables;
using Hebb.Tests.Serialization;

namespace Hebb.Tests.Cli;

/// <summary>hebb train, eval and predict on CSV tables the tests make (<see cref="CsvFiles.LabelledTable"/>).</summary>
public sealed class TableCommandTests : IDisposable
{
    private readonly CsvFiles files = new();

    public void Dispose() => files.Dispose();

    private string Table(string name, int rows, int seed) => files.LabelledTable(name, rows, seed);

    private string Model => Path.Combine(files.Folder, "model.safetensors");

    [Fact]
    public void TrainsAClassifierOnATableAndEvalAndPredictAgree()
    {
        string train = Table("train.csv", 200, 1), test = Table("test.csv", 60, 2);

        var run = CliRun.Of("train", "--data", train, "--test", test, "--target", "label", "--ignore", "amount", "--epochs", "40", "--output", Model);

        run.AssertSucceeded();
        Assert.Contains("task: classification, because the target 'label' holds text", run.Output);
        var saved = ModelFile.Load(Model);
        Assert.Equal(["down", "up"], saved.Table!.Target.Classes);
        Assert.Equal(["x", "y", "colour"], saved.Table.Features.Select(feature => feature.Name));
        var eval = Assert.Single(CliRun.Of("eval", "--model", Model, "--data", test, "--json").JsonLines());
        double accuracy = eval.GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy}");
        var predictions = CliRun.Of("predict", "--model", Model, "--input", test, "--json").JsonLines();
        Assert.Equal(60, predictions.Length);
        double right = predictions.Count(p => p.GetProperty("predicted").GetString() == p.GetProperty("target").GetString());
        Assert.Equal(accuracy, right / predictions.Length, 12);
    }

    [Fact]
    public void TrainsARegressionOnATableAndPredictsInTheTargetsUnits()
    {
        string train = Table("train.csv", 200, 3), test = Table("test.csv", 50, 4);

        var run = CliRun.Of("train", "--data", train, "--test", test, "--target", "amount", "--columns", "x,y", "--epochs", "60", "--output", Model);

        run.AssertSucceeded();
        Assert.Contains("task: regression", run.Output);
        var eval = Assert.Single(CliRun.Of("eval", "--model", Model, "--data", test, "--json").JsonLines());
        Assert.True(eval.GetProperty("r2").GetDouble() > 0.9, eval.ToString());
        string predictions = Path.Combine(files.Folder, "predictions.csv");
        CliRun.Of("predict", "--model", Model, "--input", test, "--output", predictions).AssertSucceeded();
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("line,predicted,target", lines[0]);
        Assert.Equal(51, lines.Length);
        var first = lines[1].Split(',').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, first[0]);
        Assert.InRange(first[1] - first[2], -0.5, 0.5);
    }

    [Fact]
    public void ATestSplitIsHeldOutOfOneFile()
    {
        var run = CliRun.Of("train", "--data", Table("all.csv", 100, 5), "--target", "label", "--test-split", "0.25", "--epochs", "2", "--output", Model);

        run.AssertSucceeded();
        Assert.Contains("75 training and 25 test samples", run.Output);
    }

    [Fact]
    public void AMissingTargetIsAUsageErrorListingTheColumns()
    {
        CliRun.Of("train", "--data", Table("t.csv", 20, 6), "--output", Model).AssertFailed(2, "--target", "x, y, colour, label, amount");
        CliRun.Of("train", "--data", Table("t.csv", 20, 6), "--target", "nope", "--output", Model).AssertFailed(2, "'nope'", "x, y, colour, label, amount");
        Assert.False(File.Exists(Model));
    }

    [Theory]
    [InlineData("x,y\n1,a\n2,b\n3\n", "line 4, column 'y'")]
    [InlineData("x,y\n1,a\n2,b\n3,c,4\n", "line 4, column 3")]
    [InlineData("x,y\n1,a\noops,b\n", "line 3, column 'x'")]
    [InlineData("x,y\n1,a\n,b\n2,a\n3,b\n4,a\n5,b\n", "line 3, column 'x'")]
    [InlineData("x,y\n1,a\n2,a\n", "column 'y'")]
    [InlineData("x,x\n1,a\n", "column 'x'")]
    [InlineData("x,y\n", "line 2")]
    [InlineData("", "line 1")]
    [InlineData("x,y\n1,a\n2,\"b\n3,a\n", "line 3, column 'y'")]
    public void AMalformedTableIsOneLineNamingTheFileTheLineAndTheColumnAndNoModel(string text, string where)
    {
        string path = files.Write("bad.csv", text);

        var run = CliRun.Of("train", "--data", path, "--target", "y", "--test-split", "0.5", "--epochs", "1", "--output", Model);

        run.AssertFailed(1, path, where);
        Assert.False(File.Exists(Model));
    }

    [Fact]
    public void AnUnseenCategoryIsAnErrorUnlessIgnored()
    {
        string train = files.Write("train.csv", "c,y\np,a\nq,b\np,a\nq,b\n"), test = files.Write("test.csv", "c,y\nr,a\n");

        CliRun.Of("train", "--data", train, "--test", test, "--target", "y", "--epochs", "1", "--output", Model).AssertFailed(1, test, "line 2, column 'c'", "'r'");
        CliRun.Of("train", "--data", train, "--test", test, "--target", "y", "--unknown", "ignore", "--epochs", "1", "--output", Model).AssertSucceeded();
    }

    [Fact]
    public void ATableModelsDamagedSchemaIsRefusedOnLoad()
    {
        CliRun.Of("train", "--data", Table("t.csv", 40, 7), "--target", "label", "--epochs", "1", "--output", Model).AssertSucceeded();
        string damaged = Path.Combine(files.Folder, "damaged.safetensors");
        const string key = Hebb.Data.Tables.TableSchema.Key;
        ModelFileDamages.Rewrite(Model, damaged, (_, metadata) => metadata[key] = metadata[key].Replace("\"blue\",\"red\"", "\"red\",\"blue\""));

        CliRun.Of("eval", "--model", damaged, "--data", Table("t.csv", 40, 7)).AssertFailed(1, "__metadata__.hebb.table", "colour");
    }

    [Fact]
    public void InfoShowsATableModelsInputSchemaAsTextAndAsData()
    {
        string train = Table("train.csv", 60, 8);
        CliRun.Of("train", "--data", train, "--target", "label", "--ignore", "amount", "--missing", "mean", "--epochs", "1", "--output", Model).AssertSucceeded();
        var schema = ModelFile.Load(Model).Table!;

        var info = Assert.Single(CliRun.Of("info", Model, "--json").JsonLines()).GetProperty("table");

        var columns = info.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(["x", "y", "colour"], columns.Select(column => column.GetProperty("name").GetString()));
        Assert.Equal(["number", "number", "text"], columns.Select(column => column.GetProperty("type").GetString()));
        Assert.Equal(schema.Features[0].Mean, columns[0].GetProperty("mean").GetDouble());
        Assert.Equal(schema.Features[1].Scale, columns[1].GetProperty("standard_deviation").GetDouble());
        Assert.Equal(["blue", "red"], columns[2].GetProperty("categories").EnumerateArray().Select(category => category.GetString()));
        Assert.Equal(2, columns[2].GetProperty("inputs").GetInt32());
        Assert.Equal(JsonValueKind.Null, columns[2].GetProperty("mean").ValueKind);
        var target = info.GetProperty("target");
        Assert.Equal(("label", "classification"), (target.GetProperty("name").GetString(), target.GetProperty("task").GetString()));
        Assert.Equal(["down", "up"], target.GetProperty("classes").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(4, info.GetProperty("inputs").GetInt32());
        Assert.Equal(("mean", "error"), (info.GetProperty("missing").GetString(), info.GetProperty("unknown").GetString()));
        var text = CliRun.Of("info", Model);
        text.AssertSucceeded();
        Assert.Contains("input schema", text.Output);
        Assert.Contains("2 categories: blue, red", text.Output);
        Assert.Contains("target 'label': classification (the target 'label' holds text); 2 classes: down, up", text.Output);
        Assert.Contains("missing values: mean; unknown categories: error", text.Output);
        Assert.DoesNotContain(TableSchemaKey, text.Output);

        CliRun.Of("train", "--data", train, "--target", "amount", "--columns", "x,y", "--epochs", "1", "--output", Model).AssertSucceeded();
        var regression = Assert.Single(CliRun.Of("info", Model, "--json").JsonLines()).GetProperty("table").GetProperty("target");
        Assert.Equal("regression", regression.GetProperty("task").GetString());
        Assert.Equal(ModelFile.Load(Model).Table!.Target.Mean, regression.GetProperty("mean").GetDouble());
        Assert.Equal(JsonValueKind.Null, regression.GetProperty("classes").ValueKind);
        Assert.Contains("target 'amount': regression", CliRun.Of("info", Model).Output);
    }

    [Fact]
    public void ATableRunResumesWithTheSchemaItFittedBitForBit()
    {
        string data = Table("all.csv", 120, 9);
        string whole = Path.Combine(files.Folder, "whole.safetensors");
        string[] Settings(string output, int epochs) =>
            ["train", "--data", data, "--target", "amount", "--ignore", "label", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--output", output];
        CliRun.Of(Settings(whole, 4)).AssertSucceeded();
        CliRun.Of(Settings(Model, 2)).AssertSucceeded();
        string schema = ModelFile.Load(Model).Metadata[TableSchemaKey];

        // The table defaults it ran with (batch 32, adam at 0.001) repeat its settings; the test rows are held out again.
        var run = CliRun.Of("train", "--resume", Model, "--epochs", "4", "--batch-size", "32", "--optimizer", "adam", "--target", "amount");

        run.AssertSucceeded();
        Assert.Contains("resuming after epoch 2", run.Output);
        Hebb.Tests.Training.ResumeTests.AssertSameRun(whole, Model);
        Assert.Equal(schema, ModelFile.Load(Model).Metadata[TableSchemaKey]);
        CliRun.Of("train", "--resume", Model, "--epochs", "5", "--learning-rate", "0.01").AssertFailed(2, "--learning-rate 0.01 conflicts", "which used 0.001");
        CliRun.Of("train", "--resume", Model, "--epochs", "5", "--data", Table("other.csv", 120, 10)).AssertFailed(2, "--data");
    }

    private const string TableSchemaKey = Hebb.Data.Tables.TableSchema.Key;
}
