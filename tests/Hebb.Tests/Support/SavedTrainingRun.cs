using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Training;

namespace Hebb.Tests.Support;

/// <summary>
/// A small ReLU network trained on the first digits of the built-in sample and saved with its history, as
/// <c>hebb train</c> saves one: the model file that fixtures of model files and plots share.
/// </summary>
public abstract class SavedTrainingRun : IDisposable
{
    private readonly TemporaryFolder folder = new();

    protected SavedTrainingRun(int[] hiddenWidths, int epochs, int trainCount, int testCount, ulong seed)
    {
        var sample = MnistData.LoadBuiltInSample();
        Test = sample.Test.Slice(0, testCount);
        Options = new TrainingOptions { Epochs = epochs, Seed = seed };
        Model = Mlp.Create(784, hiddenWidths, 10, Activation.Relu, seed);
        var trainer = new Trainer(Model, Options);
        trainer.Fit(sample.Train.Slice(0, trainCount), Test);
        Info = new ModelInfo(Options, trainer.History, $"the first {trainCount} digits of the built-in MNIST sample", Threads: 1);
        Path = folder.PathOf("model.safetensors");
        ModelFile.Save(Path, Model, Info);
    }

    public string Path { get; }
    public Sequential Model { get; }
    public TrainingOptions Options { get; }
    public ModelInfo Info { get; }
    public ImageDataset Test { get; }

    public void Dispose()
    {
        folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
