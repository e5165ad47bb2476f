using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Optimizers;
using Hebb.Serialization;
using Hebb.Tests.Support;
using Hebb.Training;

namespace Hebb.Tests.Readme;

/// <summary>README's C# training run (validation, early stopping, checkpoint, stop from the callback, resume, save), as
/// written there but for two epochs, then one more, on a smaller network, so that it cannot rot.</summary>
public sealed class ReadmeTrainingRunExampleTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheTrainingRunExampleTrainsStopsResumesAndSaves()
    {
        var (train, test, _) = MnistData.LoadBuiltInSample();
        var model = Mlp.Create(784, [30, 10], 10, Activation.Relu, seed: 42, dropout: 0.2f, batchNorm: true);
        var options = new TrainingOptions
        {
            Epochs = 2,
            Optimizer = new OptimizerOptions { Name = "adam", LearningRate = 0.001f },
            ValidationFraction = 0.1,
            EarlyStoppingPatience = 5,
        };
        var trainer = new Trainer(model, options) { CheckpointPath = folder.PathOf("model.safetensors") };
        using var cancel = new CancellationTokenSource();
        var lines = new List<string>();
        trainer.Fit(train, test, onEpoch: report =>
        {
            lines.Add($"{report.Epoch}: val loss {report.ValidationLoss:F4}, val accuracy {report.ValidationAccuracy:P1}");
            if (report.ValidationAccuracy > 0.99) trainer.Stop();
        }, cancellation: cancel.Token);

        var resumed = Trainer.Resume(folder.PathOf("model.safetensors"), epochs: 3);
        resumed.Fit(train, test);
        ModelFile.Save(folder.PathOf("final.safetensors"), resumed.Model);

        Assert.Equal(2, lines.Count);
        Assert.False(trainer.StoppedEarly);
        Assert.Equal(3, ModelFile.Load(folder.PathOf("final.safetensors")).History().Count);
        Assert.True(resumed.History[^1].ValidationAccuracy > 0.5, lines[^1]);
    }
}
