using Hebb.Tests.Support;
using Hebb.Serialization;
using Hebb.Tests.Serialization;
using Hebb.Tests.Training;

namespace Hebb.Tests.Cli;

[Collection(RunsAloneCollection.Name)]
public sealed class TrainCommandTests(SmallMnistFolder data) : IClassFixture<SmallMnistFolder>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void HelpListsEveryOptionAndTheNotesAdvice()
    {
        var run = CliRun.Of("train", "--help");

        run.AssertSucceeded();
        foreach (var option in new[] { "--data", "--epochs", "--batch-size", "--learning-rate", "--hidden", "--activation", "--dropout", "--batch-norm", "--seed", "--threads", "--output", "--json" })
            Assert.Contains(option, run.Output);
        foreach (var advice in new[] { "funnel", "ReLU", "softmax", "overfit" })
            Assert.Contains(advice, run.Output);
    }

    [Fact]
    public void JsonPrintsAnObjectPerEpochThenTheSavedModel()
    {
        var model = folder.PathOf("model.safetensors");

        var run = Train(model, epochs: 2, json: true);

        run.AssertSucceeded();
        var lines = run.JsonLines();
        Assert.Equal(3, lines.Length);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            var report = lines[epoch - 1];
            Assert.Equal(["epoch", "loss", "train_accuracy", "test_accuracy", "seconds", "samples_per_second"], report.EnumerateObject().Select(p => p.Name));
            Assert.Equal(epoch, report.GetProperty("epoch").GetInt32());
            Assert.InRange(report.GetProperty("loss").GetDouble(), 0.0, 10.0);
            Assert.InRange(report.GetProperty("train_accuracy").GetDouble(), 0.0, 1.0);
            Assert.InRange(report.GetProperty("test_accuracy").GetDouble(), 0.0, 1.0);
            Assert.True(report.GetProperty("seconds").GetDouble() > 0);
            Assert.True(report.GetProperty("samples_per_second").GetDouble() > 0);
        }
        Assert.Equal(Path.GetFullPath(model), lines[2].GetProperty("model").GetString());
        Assert.Equal(2, lines[2].GetProperty("epochs").GetInt32());
        Assert.Equal(lines[1].GetProperty("test_accuracy").GetDouble(), lines[2].GetProperty("test_accuracy").GetDouble());
    }

    [Fact]
    public void SavedModelIsTheOneThatWasTrained()
    {
        var model = folder.PathOf("model.safetensors");
        var trained = Train(model, json: true).JsonLines()[^1];

        var evaluated = CliRun.Of("eval", "--model", model, "--data", data.Path, "--json");

        evaluated.AssertSucceeded();
        Assert.Equal(trained.GetProperty("test_accuracy").GetDouble(), evaluated.JsonLines()[0].GetProperty("accuracy").GetDouble());
        var metadata = ModelFile.Load(model).Metadata;
        Assert.Equal("1", metadata["hebb.epoch"]);
        Assert.Equal("1", metadata["hebb.threads"]);
        Assert.Equal(data.Path, metadata["hebb.dataset"]);
        Assert.Contains("\"seed\":5", metadata["hebb.training"]);
    }

    [Fact]
    public void TextPrintsALinePerEpochWithoutTerminalCodes()
    {
        var model = folder.PathOf("model.safetensors");

        var run = Train(model, epochs: 2);

        run.AssertSucceeded();
        Assert.Equal(2, run.OutputLines.Count(line => line.StartsWith("epoch ")));
        Assert.Matches(@"^epoch +1 +loss \d\.\d{4} +train accuracy [01]\.\d{4} +test accuracy [01]\.\d{4} ", run.OutputLines.First(line => line.StartsWith("epoch ")));
        Assert.Contains("600 training and 200 test samples", run.Output);
        Assert.Equal($"saved {Path.GetFullPath(model)}", run.OutputLines[^1]);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\r', run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void HiddenWidthsAndActivationShapeTheNetwork()
    {
        var model = folder.PathOf("model.safetensors");

        Train(model, hidden: "24, 12", activation: "tanh").AssertSucceeded();

        Assert.Equal("Sequential(Dense(784 => 24, tanh), Dense(24 => 12, tanh), Dense(12 => 10))", ModelFile.Load(model).Model.ToString());
    }

    [Fact]
    public void DropoutAndBatchNormGoAroundEveryHiddenActivationAndInfoShowsThem()
    {
        var model = folder.PathOf("model.safetensors");

        Train(model, hidden: "24,12", extra: ["--dropout", "0.2", "--batch-norm"]).AssertSucceeded();

        Assert.Equal("Sequential(Dense(784 => 24), BatchNorm(24, relu), Dropout(0.2), Dense(24 => 12), BatchNorm(12, relu), Dropout(0.2), Dense(12 => 10))",
            ModelFile.Load(model).Model.ToString());
        var info = CliRun.Of("info", model);
        info.AssertSucceeded();
        Assert.Matches(@"│ hidden1_batch_norm +│ batch_norm +│ 24 +│ 24 +│ relu +│ 48 +│", info.Output);
        Assert.Matches(@"│ hidden2_dropout +│ dropout 0.2 +│ 12 +│ 12 +│ identity +│ 0 +│", info.Output);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.5")]
    public void ADropoutRateOutsideZeroToOneIsAUsageError(string rate)
    {
        var run = Train(folder.PathOf("model.safetensors"), extra: ["--dropout", rate]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--dropout: expected a rate in [0, 1), found {rate}", run.Error);
    }

    [Fact]
    public void ValidationAddsValLossAndValAccuracyToEveryEpoch()
    {
        var model = folder.PathOf("model.safetensors");

        var text = Train(model, epochs: 2, extra: ["--validation", "0.2"]);
        var json = Train(model, epochs: 2, json: true, extra: ["--validation", "0.2"]);

        text.AssertSucceeded();
        Assert.Contains("validation: 120 of the 600 training samples held out, stratified by class", text.Output);
        Assert.Matches(@"^epoch +1 +loss \d\.\d{4} +train accuracy [01]\.\d{4} +val loss \d\.\d{4} +val accuracy [01]\.\d{4} +test accuracy ", text.OutputLines.First(line => line.StartsWith("epoch ")));
        json.AssertSucceeded();
        var first = json.JsonLines()[0];
        Assert.Equal(["epoch", "loss", "train_accuracy", "test_accuracy", "val_loss", "val_accuracy", "seconds", "samples_per_second"], first.EnumerateObject().Select(p => p.Name));
        Assert.InRange(first.GetProperty("val_accuracy").GetDouble(), 0.0, 1.0);
        var saved = ModelFile.Load(model).History();
        Assert.Equal(first.GetProperty("val_loss").GetDouble(), saved[0].ValidationLoss);
    }

    [Fact]
    public void EarlyStoppingSaysWhichEpochItKeptAndSavesThatEpochsWeights()
    {
        var model = folder.PathOf("model.safetensors");

        var run = Train(model, epochs: 60, extra: ["--validation", "0.3", "--early-stopping", "2", "--learning-rate", "0.3"]);

        run.AssertSucceeded();
        Assert.Contains("early stopping on the validation loss, patience 2 epochs", run.Output);
        var history = ModelFile.Load(model).History();
        int best = history.MinBy(report => report.ValidationLoss)!.Epoch;
        Assert.Equal(best + 2, history.Count);
        Assert.Matches($@"^stopped early after epoch {best + 2}: the validation loss has not improved for 2 epochs; kept the weights of epoch {best} \(validation loss \d\.\d{{4}}\)$", run.OutputLines[^2]);
        var evaluated = CliRun.Of("eval", "--model", model, "--data", data.Path, "--json");
        Assert.Equal(history[best - 1].TestAccuracy, evaluated.JsonLines()[0].GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void EarlyStoppingWithoutValidationSaysItWatchesTheTrainingLoss()
    {
        var run = Train(folder.PathOf("model.safetensors"), extra: ["--early-stopping", "3"]);

        run.AssertSucceeded();
        Assert.Contains("early stopping on the training loss, patience 3 epochs (no validation split: --validation FRACTION makes it watch the validation loss)", run.Output);
    }

    [Theory]
    [InlineData("--validation", "1", "--validation: expected a fraction of the training samples in [0, 1), found 1")]
    [InlineData("--validation", "-0.1", "--validation: expected a fraction of the training samples in [0, 1), found -0.1")]
    [InlineData("--early-stopping", "-1", "--early-stopping: expected a patience of 0 (off) or more epochs, found -1")]
    public void ValidationAndEarlyStoppingOutOfRangeAreUsageErrors(string option, string value, string message)
    {
        var run = Train(folder.PathOf("model.safetensors"), extra: [option, value]);

        run.AssertFailed(2, message);
    }

    /// <summary>By default one quick epoch of a small network on the small folder, single-threaded.</summary>
    private CliRun Train(string model, int epochs = 1, string hidden = "32", string activation = "relu", bool json = false, string[]? extra = null) =>
        CliRun.Of([
            "train", "--data", data.Path, "--epochs", $"{epochs}", "--hidden", hidden, "--activation", activation,
            "--seed", "5", "--threads", "1", "--output", model, .. json ? new[] { "--json" } : [], .. extra ?? [],
        ]);
}
