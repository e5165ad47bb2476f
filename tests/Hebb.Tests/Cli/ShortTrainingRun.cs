using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Tests.Support;
using Hebb.Training;

namespace Hebb.Tests.Cli;

/// <summary>
/// A small network (784 → 16 → 10) trained for three epochs on the first 300 digits of the built-in sample and saved
/// with its per-epoch history, as <c>hebb train</c> would save it: something for <c>hebb plot history</c> to draw.
/// </summary>
public sealed class ShortTrainingRun : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public ShortTrainingRun()
    {
        var sample = MnistData.LoadBuiltInSample();
        var options = new TrainingOptions { Epochs = 3, Seed = 5 };
        var model = Mlp.Create(784, [16], 10, Activation.Relu, options.Seed);
        var trainer = new Trainer(model, options);
        trainer.Fit(sample.Train.Slice(0, 300), sample.Test.Slice(0, 100));
        Info = new ModelInfo(options, trainer.History, "the first 300 digits of the built-in MNIST sample", Threads: 1);
        Path = folder.PathOf("model.safetensors");
        ModelFile.Save(Path, model, Info);
    }

    public string Path { get; }
    public ModelInfo Info { get; }

    public void Dispose() => folder.Dispose();
}
