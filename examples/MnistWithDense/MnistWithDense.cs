using Hebb.Activations;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Serialization;
using Hebb.Tensors;
using Hebb.Tensors.Kernels;
using Hebb.Training;
using static System.FormattableString;

namespace Hebb.Examples;

/// <summary>
/// Blocks 10 and 12 of the note: the same network from ready dense layers (the note's <c>fully_connected</c>),
/// trained by the library's loop, then saved (the note's checkpoint) for <see cref="RestoreAndPredict"/>.
/// </summary>
public static class MnistWithDense
{
    /// <param name="trainSamples">Train on the first this many training images only (all when null).</param>
    public static void Run(TextWriter output, string modelPath, int epochs, int? trainSamples = null)
    {
        var (train, test, source) = MnistData.LoadBuiltInSample();
        if (trainSamples is int count) train = train.Slice(0, count);

        var random = new SeededRandom(42);
        var dnn = new Sequential(
            new Dense(784, 300, Activation.Relu, random),         // hidden1
            new Dense(300, 100, Activation.Relu, random),         // hidden2
            new Dense(100, 10, Activation.Identity, random));     // outputs: the logits
        output.WriteLine(dnn);

        var options = new TrainingOptions { Epochs = epochs, BatchSize = 50, LearningRate = 0.01f, Seed = 42 };
        var history = dnn.Fit(train, test, options, report =>
            output.WriteLine(Invariant($"{report.Epoch} Train accuracy: {report.TrainAccuracy:F4} Test accuracy: {report.TestAccuracy:F4}")));

        ModelFile.Save(modelPath, dnn, new ModelInfo(options, history, source, Parallelism.ThreadCount));
        output.WriteLine($"saved {modelPath}");
    }
}
