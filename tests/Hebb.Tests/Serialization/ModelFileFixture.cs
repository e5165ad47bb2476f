using Hebb.Tests.Support;
using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Training;

namespace Hebb.Tests.Serialization;

/// <summary>
/// A small network (784 → 32 → 16 → 10) trained for one epoch on the first 500 digits of the built-in sample
/// and saved once, for the tests of a class to read, copy and corrupt.
/// </summary>
public sealed class ModelFileFixture : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public ModelFileFixture()
    {
        var sample = MnistData.LoadBuiltInSample();
        Test = sample.Test.Slice(0, 200);
        Options = new TrainingOptions { Epochs = 1, Seed = 3 };
        Model = Mlp.Create(784, [32, 16], 10, Activation.Relu, Options.Seed);
        var trainer = new Trainer(Model, Options);
        trainer.Fit(sample.Train.Slice(0, 500), Test);
        Info = new ModelInfo(Options, trainer.History, "the first 500 digits of the built-in MNIST sample", Threads: 1);
        Path = folder.PathOf("model.safetensors");
        ModelFile.Save(Path, Model, Info);
    }

    public string Path { get; }
    public Sequential Model { get; }
    public TrainingOptions Options { get; }
    public ModelInfo Info { get; }
    public ImageDataset Test { get; }

    public void Dispose() => folder.Dispose();
}
