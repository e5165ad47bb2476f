using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Schedules;
using Hebb.Serialization;
using Hebb.Tests.Support;
using Hebb.Training;

namespace Hebb.Tests.Training;

/// <summary>What <see cref="Trainer.Fit"/> does around the batches: validation, early stopping, stopping from the
/// epoch callback, cancellation, divergence and the checkpoint after every epoch.</summary>
public sealed class TrainingLoopTests : IDisposable
{
    private static readonly ImageDataset Train = MnistData.LoadBuiltInSample().Train.Slice(0, 600);
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static Sequential SmallModel() => Mlp.Create(784, [32], 10, Activation.Relu, seed: 3);

    [Fact]
    public void AValidationSplitIsReportedEveryEpochAndHeldOutOfTraining()
    {
        var trainer = new Trainer(SmallModel(), new TrainingOptions { Epochs = 2, ValidationFraction = 0.2 });
        var batches = new List<int>();

        var history = trainer.Fit(Train, onBatch: (done, total) => batches.Add(total));

        // 120 of the 600 samples are held out: 480 train in batches of 50.
        Assert.All(batches, total => Assert.Equal(10, total));
        Assert.All(history, report =>
        {
            Assert.InRange(report.ValidationLoss, 0.0, 5.0);
            Assert.InRange(report.ValidationAccuracy, 0.0, 1.0);
            // Multiples of 1/120: the accuracy is counted over the 120 held-out samples.
            Assert.Equal(Math.Round(report.ValidationAccuracy * 120), report.ValidationAccuracy * 120, 1e-9);
        });
        Assert.True(history[1].ValidationLoss < history[0].ValidationLoss);
    }

    [Fact]
    public void WithoutAValidationSplitTheValidationFiguresAreNaN()
    {
        var history = new Trainer(SmallModel(), new TrainingOptions { Epochs = 1 }).Fit(Train);

        Assert.True(double.IsNaN(history[0].ValidationLoss) && double.IsNaN(history[0].ValidationAccuracy));
    }

    [Fact]
    public void EarlyStoppingEndsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights()
    {
        var model = SmallModel();
        var options = new TrainingOptions { Epochs = 60, LearningRate = 0.3f, ValidationFraction = 0.3, EarlyStoppingPatience = 2 };
        var trainer = new Trainer(model, options);
        var weightsAfter = new List<float[]>();

        var history = trainer.Fit(Train, onEpoch: _ => weightsAfter.Add(model.Parameters[0].Value.Data.ToArray()));

        Assert.True(trainer.StoppedEarly, $"ran all {history.Count} epochs");
        int best = history.MinBy(report => report.ValidationLoss)!.Epoch;
        Assert.Equal(best, trainer.BestEpoch);
        Assert.Equal(best + 2, history.Count);
        Assert.True(history.Skip(best).All(report => report.ValidationLoss >= history[best - 1].ValidationLoss));
        // The callback of the last epoch already sees the best weights put back.
        Assert.Equal(weightsAfter[best - 1], model.Parameters[0].Value.Data);
        Assert.Equal(weightsAfter[best - 1], weightsAfter[^1]);
    }

    [Fact]
    public void WithoutAValidationSplitEarlyStoppingWatchesTheTrainingLoss()
    {
        var trainer = new Trainer(SmallModel(), new TrainingOptions { Epochs = 3, EarlyStoppingPatience = 1 });

        trainer.Fit(Train);

        Assert.Equal("training loss", trainer.MonitoredLoss);
        Assert.Equal(3, trainer.BestEpoch);
        Assert.False(trainer.StoppedEarly);
    }

    [Fact]
    public void TheEpochCallbackCanStopTraining()
    {
        var trainer = new Trainer(SmallModel(), new TrainingOptions { Epochs = 10 });

        var history = trainer.Fit(Train, onEpoch: report => { if (report.Epoch == 2) trainer.Stop(); });

        Assert.Equal(2, history.Count);
    }

    [Fact]
    public void CancellationStopsBeforeTheNextBatchAndTheCheckpointKeepsTheLastCompleteEpoch()
    {
        string path = folder.PathOf("model.safetensors");
        var trainer = new Trainer(SmallModel(), new TrainingOptions { Epochs = 5 }) { CheckpointPath = path };
        using var cancellation = new CancellationTokenSource();
        int batchesAfterCancel = 0;

        Assert.Throws<OperationCanceledException>(() => trainer.Fit(Train, onBatch: (done, _) =>
        {
            if (cancellation.IsCancellationRequested) batchesAfterCancel++;
            if (trainer.CompletedEpochs == 2 && done == 3) cancellation.Cancel();
        }, cancellation: cancellation.Token));

        Assert.Equal(0, batchesAfterCancel);
        Assert.Equal(2, trainer.SavedEpoch);
        Assert.Equal(2, ModelFile.Load(path).History().Count);
    }

    [Fact]
    public void ADivergingRunStopsNamingEpochAndBatchAndTheCheckpointKeepsTheLastFiniteEpoch()
    {
        string path = folder.PathOf("model.safetensors");
        var model = Mlp.Note(seed: 1);
        var trainer = new Trainer(model, new Sgd(model.Parameters, 0.01f), new TrainingOptions { Epochs = 5 }, new SoundThenWild())
        {
            CheckpointPath = path,
        };

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Train));

        Assert.Equal(2, error.Epoch);
        Assert.InRange(error.Batch, 1, 12);
        Assert.Contains($"at epoch 2, batch {error.Batch}; {path} keeps epoch 1; try a lower learning rate than 1000000", error.Message);
        var saved = ModelFile.Load(path);
        Assert.Single(saved.History());
        Assert.All(saved.Model.Parameters, parameter => Assert.All(parameter.Value.Data, value => Assert.True(float.IsFinite(value))));
    }

    /// <summary>A sound first epoch, then a rate no network survives.</summary>
    private sealed class SoundThenWild : ILearningRateSchedule
    {
        public string Name => "sound_then_wild";
        public IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>();
        public float RateFor(int epoch) => epoch == 0 ? 0.01f : 1e6f;
        public void Observe(int epoch, double monitoredLoss) { }
        public ScheduleState SaveState() => new(new Dictionary<string, double>());
        public void LoadState(ScheduleState state) { }
    }
}
