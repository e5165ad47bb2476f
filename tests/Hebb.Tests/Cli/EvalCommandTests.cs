using Hebb.Tests.Support;
using Hebb.Data;
using Hebb.Tests.Serialization;
using Hebb.Training;

namespace Hebb.Tests.Cli;

public sealed class EvalCommandTests(ModelFileFixture saved, SmallMnistFolder data) : IClassFixture<ModelFileFixture>, IClassFixture<SmallMnistFolder>
{
    [Fact]
    public void HelpListsItsOptions()
    {
        var run = CliRun.Of("eval", "--help");

        run.AssertSucceeded();
        foreach (var option in new[] { "--model", "--data", "--json" }) Assert.Contains(option, run.Output);
    }

    [Fact]
    public void JsonHoldsLossAccuracyPerClassAccuracyAndTheConfusionMatrix()
    {
        var run = CliRun.Of("eval", "--model", saved.Path, "--data", data.Path, "--json");

        run.AssertSucceeded();
        var result = Assert.Single(run.JsonLines());
        var expected = Evaluation.Run(saved.Model, data.Test);
        Assert.Equal(SmallMnistFolder.TestCount, result.GetProperty("samples").GetInt32());
        Assert.Equal(expected.Loss, result.GetProperty("loss").GetDouble());
        Assert.Equal(expected.Accuracy, result.GetProperty("accuracy").GetDouble());
        Assert.Equal(10, result.GetProperty("per_class_accuracy").GetArrayLength());
        var confusion = result.GetProperty("confusion_matrix").EnumerateArray().Select(row => row.EnumerateArray().Select(cell => cell.GetInt32()).ToArray()).ToArray();
        Assert.All(confusion, row => Assert.Equal(10, row.Length));
        Assert.Equal(SmallMnistFolder.TestCount, confusion.Sum(row => row.Sum()));
        Assert.Equal(expected.Accuracy * SmallMnistFolder.TestCount, Enumerable.Range(0, 10).Sum(i => confusion[i][i]), precision: 6);
    }

    [Fact]
    public void TextShowsTheSummaryAndTheConfusionMatrixWithoutTerminalCodes()
    {
        var run = CliRun.Of("eval", "--model", saved.Path, "--data", data.Path);

        run.AssertSucceeded();
        Assert.StartsWith($"200 test samples of {data.Path}: loss ", run.OutputLines[0]);
        Assert.Contains("confusion matrix", run.Output);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public void SummaryLineIsNotWrappedHoweverLongTheDataPath()
    {
        using var folder = new TemporaryFolder();
        var longPath = Directory.CreateDirectory(Path.Combine(folder.FullPath, new string('d', 200))).FullName;
        SmallMnistFolder.Write(longPath, "train", data.Test);
        SmallMnistFolder.Write(longPath, "t10k", data.Test);

        var run = CliRun.Of("eval", "--model", saved.Path, "--data", longPath);

        run.AssertSucceeded();
        Assert.Matches($@"^200 test samples of {System.Text.RegularExpressions.Regex.Escape(longPath)}: loss \d\.\d{{4}}, accuracy [01]\.\d{{4}}$", run.OutputLines[0]);
    }

    [Fact]
    public void WithoutDataItEvaluatesOnTheBuiltInSample()
    {
        var run = CliRun.Of("eval", "--model", saved.Path, "--json");

        run.AssertSucceeded();
        Assert.Equal(MnistData.LoadBuiltInSample().Test.Count, run.JsonLines()[0].GetProperty("samples").GetInt32());
    }
}
