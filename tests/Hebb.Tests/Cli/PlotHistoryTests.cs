using Hebb.Serialization;
using Hebb.Tests.Serialization;
using Hebb.Tests.Support;

namespace Hebb.Tests.Cli;

/// <summary><c>hebb plot history</c>: the figures of a model file's history, and one line naming the file and field when it has none.</summary>
public sealed class PlotHistoryTests(ShortTrainingRun training) : IClassFixture<ShortTrainingRun>, IDisposable
{
    private const string Field = "__metadata__.hebb.history";

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ARunWithoutATestSetIsDrawnWithTrainingFiguresOnly()
    {
        // Trainer.Fit(train, test: null) reports a test accuracy of NaN, which the history keeps as "NaN".
        var model = ModelFile.Load(training.Path).Model;
        var untested = folder.PathOf("untested.safetensors");
        ModelFile.Save(untested, model, training.Info with { History = training.Info.History.Select(epoch => epoch with { TestAccuracy = double.NaN }).ToList() });
        var image = folder.PathOf("history.png");

        CliRun.Of("plot", "history", untested, "--output", image).AssertSucceeded();

        PlotImage.AssertDrawnPng(image, 1000, 450);
    }

    [Fact]
    public void AModelWithoutHistoryFailsNamingTheFileAndField()
    {
        var path = folder.PathOf("no-history.safetensors");
        ModelFileDamages.Rewrite(training.Path, path, (_, metadata) => metadata.Remove("hebb.history"));

        CliRun.Of("plot", "history", path, "--output", folder.PathOf("history.png")).AssertFailed(1, path, Field, "missing");
        Assert.Equal(["no-history.safetensors"], folder.FileNames());
    }

    [Theory]
    [InlineData("[{\"epoch\": 1, \"loss\": 0.5", "expected a JSON list of epochs")]
    [InlineData("{\"epoch\": 1}", "expected a JSON list of epochs")]
    [InlineData("[{\"epoch\": 1, \"loss\": 0.5}]", "missing required properties including: 'train_accuracy'")]
    [InlineData("[{\"epoch\": 1, \"loss\": \"low\", \"train_accuracy\": 1, \"test_accuracy\": 1, \"seconds\": 1, \"samples_per_second\": 1}]", "expected a JSON list of epochs")]
    [InlineData("[]", "expected a non-empty JSON list of epochs")]
    [InlineData("[null]", "expected a non-empty JSON list of epochs")]
    [InlineData("null", "expected a non-empty JSON list of epochs")]
    public void BadHistoryFailsNamingTheFileAndField(string history, string problem)
    {
        var path = folder.PathOf("bad-history.safetensors");
        ModelFileDamages.Rewrite(training.Path, path, (_, metadata) => metadata["hebb.history"] = history);

        CliRun.Of("plot", "history", path, "--output", folder.PathOf("history.png")).AssertFailed(1, $"{path}: {Field}: expected ", problem);
    }

    [Fact]
    public void AMissingModelFileFails() =>
        CliRun.Of("plot", "history", folder.PathOf("absent.safetensors"), "--output", folder.PathOf("history.png")).AssertFailed(1, "absent.safetensors");
}
