using System.Text.Json;
using Hebb.Activations;
using Hebb.Layers;
using Hebb.Training;
using Hebb.Tests.Support;
using Hebb.Serialization;
using Hebb.Tests.Serialization;

namespace Hebb.Tests.Cli;

public sealed class InfoCommandTests(ModelFileFixture saved) : IClassFixture<ModelFileFixture>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void HelpListsItsArgumentAndOptions()
    {
        var run = CliRun.Of("info", "--help");

        run.AssertSucceeded();
        Assert.Contains("FILE", run.Output);
        Assert.Contains("--json", run.Output);
    }

    [Fact]
    public void JsonHoldsTheArchitectureParameterCountTrainingHistoryAndMetadata()
    {
        var run = CliRun.Of("info", saved.Path, "--json");

        run.AssertSucceeded();
        var info = Assert.Single(run.JsonLines());
        Assert.Equal(["file", "architecture", "parameters", "training", "history", "checkpoint", "command_line", "table", "metadata"], info.EnumerateObject().Select(p => p.Name));
        // Written from a ModelInfo, not by a trainer: no run state to go on from.
        Assert.Equal(JsonValueKind.Null, info.GetProperty("checkpoint").ValueKind);
        Assert.Equal(JsonValueKind.Null, info.GetProperty("table").ValueKind);
        Assert.Equal(saved.Path, info.GetProperty("file").GetString());
        var layers = info.GetProperty("architecture").EnumerateArray()
            .Select(layer => (layer.GetProperty("name").GetString(), layer.GetProperty("inputs").GetInt32(), layer.GetProperty("outputs").GetInt32(), layer.GetProperty("activation").GetString()))
            .ToArray();
        Assert.Equal([("hidden1", 784, 32, "relu"), ("hidden2", 32, 16, "relu"), ("outputs", 16, 10, "identity")], layers);
        Assert.Equal(saved.Model.ParameterCount, info.GetProperty("parameters").GetInt64());
        Assert.Equal(saved.Options.Seed, info.GetProperty("training").GetProperty("seed").GetUInt64());
        Assert.Equal(saved.Info.History[0].Loss, Assert.Single(info.GetProperty("history").EnumerateArray().ToArray()).GetProperty("loss").GetDouble());
        var metadata = info.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        var stored = ModelFile.Load(saved.Path).Metadata;
        Assert.Equal(["format", "hebb.dataset", "hebb.epoch", "hebb.sha256", "hebb.threads"], metadata.Keys);
        Assert.All(metadata, entry => Assert.Equal(stored[entry.Key], entry.Value));
    }

    [Fact]
    public void TextShowsTheNetworkItsLayersMetadataAndLastEpochWithoutTerminalCodes()
    {
        var run = CliRun.Of("info", saved.Path);

        run.AssertSucceeded();
        // 784·32 + 32 + 32·16 + 16 + 16·10 + 10 parameters
        Assert.Equal($"{saved.Path}: Sequential(Dense(784 => 32, relu), Dense(32 => 16, relu), Dense(16 => 10)), 25,818 parameters", run.OutputLines[0]);
        Assert.Matches(@"│ hidden2 +│ dense +│ 32 +│ 16 +│ relu +│ 528 +│", run.Output);
        Assert.Contains("training.seed", run.Output);
        Assert.Contains("hebb.sha256", run.Output);
        Assert.StartsWith("last epoch 1: loss ", run.OutputLines[^1]);
        Assert.DoesNotContain('\u001b', run.Output);
    }

    [Fact]
    public void ModelTrainedWithoutATestSetIsShownToo()
    {
        // Trainer.Fit(train, test: null) reports a test accuracy of NaN, which the history keeps.
        var path = folder.PathOf("untested.safetensors");
        ModelFile.Save(path, saved.Model, saved.Info with { History = [saved.Info.History[0] with { TestAccuracy = double.NaN }] });

        var text = CliRun.Of("info", path);
        var json = CliRun.Of("info", path, "--json");

        text.AssertSucceeded();
        Assert.EndsWith("test accuracy NaN", text.OutputLines[^1]);
        json.AssertSucceeded();
        Assert.Equal("NaN", json.JsonLines()[0].GetProperty("history")[0].GetProperty("test_accuracy").GetString());
    }

    [Fact]
    public void AFileATrainerWroteSaysItHoldsTheRunsStateAndHowToGoOn()
    {
        var path = folder.PathOf("checkpoint.safetensors");
        var trainer = new Trainer(Mlp.Create(784, [8], 10, Activation.Relu, seed: 1), new TrainingOptions { Epochs = 1 });
        trainer.Fit(saved.Test);
        trainer.Save(path);

        var text = CliRun.Of("info", path);
        var json = CliRun.Of("info", path, "--json");

        text.AssertSucceeded();
        Assert.Equal($"holds the run's state (optimizer, schedule, generators): go on with 'hebb train --resume {path} [--epochs N]'", text.OutputLines[^1]);
        Assert.DoesNotContain("hebb.checkpoint", text.Output);
        Assert.Equal("batch_order", Assert.Single(json.JsonLines()[0].GetProperty("checkpoint").GetProperty("generators").EnumerateObject()).Name);
    }
}
