using System.Text.Json;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Schedules;
using Hebb.Serialization;
using Hebb.Tests.Support;
using Hebb.Training;

namespace Hebb.Tests.Training;

/// <summary>
/// A run stopped after some epochs and resumed from its checkpoint file ends bit for bit where the same run without
/// the stop ends: weights, batch normalization's running statistics, the optimiser's buffers and step count, the
/// schedule, the dropout masks and batch order, early stopping's progress, and the history apart from its timings.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 600);
    private static readonly ImageDataset Test = MnistData.LoadBuiltInSample().Test.Slice(0, 100);
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Every kind of state at once: Adam, a cosine schedule after a warm-up, dropout, batch normalization, a
    /// validation split and early stopping. The cosine's length is given, so that a 3-epoch run has the rates of a 6-epoch
    /// one (its default is the run's epochs after the warm-up).</summary>
    private static TrainingOptions Options(int epochs, int? cosineEpochs = 5) => new()
    {
        Epochs = epochs,
        Seed = 11,
        Optimizer = new OptimizerOptions { Name = "adam", LearningRate = 0.005f },
        Schedule = new ScheduleOptions { Name = "cosine", Warmup = 1, TMax = cosineEpochs },
        ValidationFraction = 0.2,
        EarlyStoppingPatience = 50,
    };

    private static Sequential Model() => Mlp.Create(784, [32, 16], 10, Activation.Relu, seed: 11, dropout: 0.2f, batchNorm: true);

    [Fact]
    public void ARunStoppedAfterThreeOfSixEpochsAndResumedEqualsTheUninterruptedRun()
    {
        string whole = folder.PathOf("whole.safetensors"), resumed = folder.PathOf("resumed.safetensors");
        var uninterrupted = new Trainer(Model(), Options(6, cosineEpochs: null)) { CheckpointPath = whole };
        uninterrupted.Fit(Train, Test);
        var first = new Trainer(Model(), Options(6, cosineEpochs: null)) { CheckpointPath = resumed };
        first.Fit(Train, Test, onEpoch: report => { if (report.Epoch == 3) first.Stop(); });
        Assert.Equal(3, ModelFile.Load(resumed).History().Count);

        var second = Trainer.Resume(resumed);
        Assert.Equal(3, second.CompletedEpochs);
        second.Fit(Train, Test);

        AssertSameRun(whole, resumed);
        Assert.Equal(uninterrupted.Optimizer.StepCount, second.Optimizer.StepCount);
        Assert.Contains(SafeTensorsReader.Read(resumed).Tensors, t => t.Key == "optimizer/hidden1/weights/exp_avg_sq");
        Assert.Contains(SafeTensorsReader.Read(resumed).Tensors, t => t.Key == "early_stopping/hidden1_batch_norm/running_var");
    }

    [Fact]
    public void ThreeEpochsResumedToSixEqualSixUninterrupted()
    {
        string whole = folder.PathOf("whole.safetensors"), resumed = folder.PathOf("resumed.safetensors");
        new Trainer(Model(), Options(6)) { CheckpointPath = whole }.Fit(Train, Test);
        new Trainer(Model(), Options(3)) { CheckpointPath = resumed }.Fit(Train, Test);

        var second = Trainer.Resume(resumed, epochs: 6);
        second.Fit(Train, Test);

        Assert.Equal(6, second.Options.Epochs);
        AssertSameRun(whole, resumed);
    }

    [Fact]
    public void ResumingOnOtherDataIsRefusedNamingTheDifference()
    {
        string path = folder.PathOf("model.safetensors");
        new Trainer(Model(), Options(1)) { CheckpointPath = path }.Fit(Train);
        var trainer = Trainer.Resume(path, epochs: 2);
        var other = MnistData.LoadBuiltInSample().Train.Slice(600, 600);

        Assert.Null(trainer.DataConflict(Train));
        Assert.StartsWith("the data has the run's 600 samples of 784 features, but not the same ones", trainer.DataConflict(other));
        Assert.Equal("the run trained on 600 samples, the data has 599", trainer.DataConflict(Train.Slice(0, 599)));
        Assert.Throws<ArgumentException>(() => trainer.Fit(other));
    }

    [Fact]
    public void AFileWithoutARunsStateCannotBeResumed()
    {
        string path = folder.PathOf("model.safetensors");
        ModelFile.Save(path, Model());

        var error = Assert.Throws<InvalidFileException>(() => Trainer.Resume(path));

        Assert.Contains("__metadata__.hebb.checkpoint", error.Message);
    }

    [Fact]
    public void SavingAModelFromCSharpNeedsOnlyThePathAndKeepsWhatIsKnownAboutItsRun()
    {
        string bare = folder.PathOf("bare.safetensors"), trained = folder.PathOf("trained.safetensors");
        var model = Model();
        ModelFile.Save(bare, model);
        new Trainer(model, Options(1)).Fit(Train);
        ModelFile.Save(trained, model);

        Assert.False(ModelFile.Load(bare).Metadata.ContainsKey("hebb.training"));
        var training = JsonDocument.Parse(ModelFile.Load(trained).Metadata["hebb.training"]).RootElement;
        Assert.Equal("adam", training.GetProperty("optimizer").GetString());
        Assert.Equal(0.999, training.GetProperty("optimizer_settings").GetProperty("beta2").GetDouble(), 1e-7);
        Assert.Equal("cosine", training.GetProperty("schedule").GetString());
        Assert.Equal(1, training.GetProperty("schedule_settings").GetProperty("warmup").GetDouble());
        Assert.Equal("softmax_cross_entropy", training.GetProperty("loss").GetString());
        Assert.Equal(Model().ToString(), training.GetProperty("layers").GetString());
        Assert.Equal(1, Trainer.Resume(trained).CompletedEpochs);
    }

    /// <summary>Every tensor of the two files equal bit for bit (the model's and the run's), the same history apart
    /// from timings, and the same run state.</summary>
    internal static void AssertSameRun(string expectedPath, string actualPath)
    {
        var expected = SafeTensorsReader.Read(expectedPath);
        var actual = SafeTensorsReader.Read(actualPath);
        Assert.Equal(expected.Tensors.Select(t => t.Key), actual.Tensors.Select(t => t.Key));
        foreach (var (name, tensor) in expected.Tensors)
            Assert.True(tensor.Data.AsSpan().SequenceEqual(actual[name].Data), $"tensor {name} differs");
        Assert.Equal(WithoutTimings(ModelFile.Load(expectedPath).History()), WithoutTimings(ModelFile.Load(actualPath).History()));
        var expectedState = JsonDocument.Parse(expected.Metadata["hebb.checkpoint"]).RootElement;
        var actualState = JsonDocument.Parse(actual.Metadata["hebb.checkpoint"]).RootElement;
        foreach (var part in new[] { "optimizer_steps", "generators", "schedule", "early_stopping", "data" })
            Assert.Equal(expectedState.GetProperty(part).GetRawText(), actualState.GetProperty(part).GetRawText());
    }

    private static IEnumerable<EpochReport> WithoutTimings(IEnumerable<EpochReport> history) =>
        history.Select(report => report with { Seconds = 0, SamplesPerSecond = 0 });
}
