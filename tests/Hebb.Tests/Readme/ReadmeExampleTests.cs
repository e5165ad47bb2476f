using Hebb.Activations;
using Hebb.Autodiff;
using Hebb.Data;
using Hebb.Layers;
using Hebb.Tensors;
using Hebb.Training;

namespace Hebb.Tests.Readme;

/// <summary>The C# examples of README.md, as written there but for one epoch, so that they cannot rot.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void TheDenseExampleTrainsAndPredicts()
    {
        var (train, test, _) = MnistData.LoadBuiltInSample();

        var random = new SeededRandom(42);
        var model = new Sequential(
            new Dense(784, 300, Activation.Relu, random),
            new Dense(300, 100, Activation.Relu, random),
            new Dense(100, 10, Activation.Identity, random));

        var reports = new List<EpochReport>();
        model.Fit(train, test, new TrainingOptions { Epochs = 1, BatchSize = 50, LearningRate = 0.01f }, onEpoch: reports.Add);
        int[] predicted = model.Predict(test.Features(0, 20));

        Assert.Single(reports);
        Assert.True(reports[0].TestAccuracy > 0.75, $"test accuracy {reports[0].TestAccuracy} after one epoch");
        Assert.Equal(20, predicted.Length);
        Assert.True(predicted.Zip(test.LabelArray(0, 20)).Count(pair => pair.First == pair.Second) >= 14);
        // The README's network is the one Mlp.Note() builds, from the same seed.
        Assert.Equal(Mlp.Note().ToString(), model.ToString());
    }

    [Fact]
    public void TheHandWrittenNeuronLayerRuns()
    {
        var random = new SeededRandom(42);
        var inputs = MnistData.LoadBuiltInSample().Train.Features(0, 5);
        var weights = Tensor.TruncatedNormal(random, 0f, 2f / MathF.Sqrt(784), 784, 300);
        var biases = Tensor.Zeros(300);
        weights.RequiresGrad = biases.RequiresGrad = true;
        var hidden1 = Activation.Relu.Apply(Ops.MatMul(inputs, weights) + biases);

        Assert.Equal([5, 300], hidden1.Shape);
        Assert.All(hidden1.Data, value => Assert.True(value >= 0f));
        Ops.Sum(hidden1).Backward();
        Assert.NotNull(weights.Grad);
    }
}
