using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Training;

namespace Hebb.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void NoteNetworkLearnsTheBuiltInSampleInOneEpoch()
    {
        var split = MnistData.LoadBuiltInSample();
        var trainer = new Trainer(Mlp.Note(seed: 42), new TrainingOptions { Epochs = 1 });

        var history = trainer.Fit(split.Train, split.Test);

        // bench/reference/train_note_network.py: PyTorch reaches 0.7815 with the same network, data, SGD 0.01 and batches of 50.
        var report = Assert.Single(history);
        Assert.Equal(1, report.Epoch);
        Assert.True(report.TestAccuracy > 0.75, $"test accuracy {report.TestAccuracy}");
        Assert.InRange(report.Loss, 0.3, 2.3);
        Assert.InRange(report.TrainAccuracy, 0.0, 1.0);
        Assert.True(report.Seconds > 0 && double.IsFinite(report.Seconds), $"seconds {report.Seconds}");
        // Both measure the same span: the training loop, without the accuracies measured after it.
        Assert.Equal(split.Train.Count, report.Seconds * report.SamplesPerSecond, tolerance: 1e-6);
    }

    [Fact]
    public void LossFallsFromTheFirstEpochToTheSecond()
    {
        var train = MnistData.LoadBuiltInSample().Train.Slice(0, 600);
        var trainer = new Trainer(Mlp.Create(784, [32], 10, Activation.Relu, seed: 7), new TrainingOptions { Epochs = 2 });

        var history = trainer.Fit(train, test: null);

        Assert.Equal([1, 2], history.Select(report => report.Epoch));
        Assert.True(history[1].Loss < history[0].Loss, $"loss {history[0].Loss} then {history[1].Loss}");
        Assert.True(double.IsNaN(history[0].TestAccuracy));
    }

    [Fact]
    public void FitWithoutAnEpochCallbackStillTrains()
    {
        var train = MnistData.LoadBuiltInSample().Train.Slice(0, 100);
        var model = Mlp.Create(784, [8], 10, Activation.Relu, seed: 1);
        var initialWeights = model.Parameters[0].Value.Data.ToArray();

        var history = model.Fit(train, options: new TrainingOptions { Epochs = 2 });

        Assert.Equal([1, 2], history.Select(report => report.Epoch));
        Assert.NotEqual(initialWeights, model.Parameters[0].Value.Data);
    }

    [Fact]
    public void ModelOfTheWrongInputWidthIsRejectedBeforeTraining()
    {
        var train = MnistData.LoadBuiltInSample().Train.Slice(0, 100);
        var trainer = new Trainer(Mlp.Create(100, [8], 10, Activation.Relu, seed: 1), new TrainingOptions { Epochs = 1 });

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(train, test: null));

        Assert.Equal("the model takes 100 inputs, the data has 784 features per sample", error.Message);
        Assert.Empty(trainer.History);
    }
}
