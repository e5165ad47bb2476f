using Hebb.Activations;
using Hebb.Tuning;

namespace Hebb.Tests.Tuning;

public sealed class TrialConfigurationTests
{
    private static readonly TrialConfiguration NotesNetwork = new(784, [300, 100], 10, Activation.Relu, 0.0123f);

    [Fact]
    public void PrintsItsShapeActivationAndLearningRate() =>
        Assert.Equal("784-300-100-10 relu lr=0.0123", NotesNetwork.ToString());

    [Fact]
    public void BuildsTheNetworkItDescribes() =>
        Assert.Equal("Sequential(Dense(784 => 300, relu), Dense(300 => 100, relu), Dense(100 => 10))", NotesNetwork.CreateModel(seed: 1).ToString());

    [Fact]
    public void TrainsWithItsLearningRate()
    {
        var options = NotesNetwork.TrainingOptions(epochs: 3, batchSize: 20, seed: 9);

        Assert.Equal((3, 20, 0.0123f, 9UL), (options.Epochs, options.BatchSize, options.LearningRate, options.Seed));
    }

    [Fact]
    public void NeedsAHiddenLayer()
    {
        Assert.Throws<ArgumentException>(() => new TrialConfiguration(784, [], 10, Activation.Relu, 0.01f));
        Assert.Throws<ArgumentException>(() => new TrialConfiguration(784, [30, 0], 10, Activation.Relu, 0.01f));
    }
}
