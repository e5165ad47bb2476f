using Hebb.Activations;
using Hebb.Classics;

namespace Hebb.Tests.Classics;

public class XorTrainingTests
{
    [Fact]
    public void BackpropagationLearnsXorFromTheDefaultSeed()
    {
        var options = new XorTrainingOptions();
        var result = XorTraining.Train(options);

        Assert.Equal(4, result.Correct);
        Assert.Equal(XorNetwork.Targets, result.Predictions);
        Assert.True(result.Loss < options.TargetLoss, $"loss {result.Loss}");
        Assert.InRange(result.Steps, 1, options.MaxSteps - 1);
        Assert.Equal(result.Outputs, XorTraining.Outputs(result.Model, XorNetwork.Inputs));
        Assert.Equal("Sequential(Dense(2 => 4, tanh), Dense(4 => 1))", result.Model.ToString());
    }

    [Fact]
    public void LearnsFromEverySeedFromZeroToTwentyNine()
    {
        for (ulong seed = 0; seed < 30; seed++)
        {
            var result = XorTraining.Train(new XorTrainingOptions { Seed = seed });
            Assert.True(result.Correct == 4, $"seed {seed}: {result.Correct} of 4 right after {result.Steps} steps, loss {result.Loss}");
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameNetworkAndAnotherSeedAnother()
    {
        var first = XorTraining.Train(new XorTrainingOptions { Seed = 7 });
        var again = XorTraining.Train(new XorTrainingOptions { Seed = 7 });
        var other = XorTraining.Train(new XorTrainingOptions { Seed = 8 });

        Assert.Equal(first.Steps, again.Steps);
        Assert.Equal(first.Model.Parameters.Select(p => p.Value.Data), again.Model.Parameters.Select(p => p.Value.Data));
        Assert.NotEqual(first.Model.Parameters[0].Value.Data, other.Model.Parameters[0].Value.Data);
    }

    [Fact]
    public void StopsAtTheStepLimitWhenTheTargetIsOutOfReach()
    {
        var result = XorTraining.Train(new XorTrainingOptions { MaxSteps = 3 });

        Assert.Equal(3, result.Steps);
        Assert.True(result.Loss > 0.01f);
    }

    [Fact]
    public void OtherHiddenLayersLearnItToo()
    {
        var relu = XorTraining.Train(new XorTrainingOptions { HiddenWidth = 8, HiddenActivation = Activation.Relu, LearningRate = 0.1f, Momentum = 0.9f });
        var sigmoid = XorTraining.Train(new XorTrainingOptions { HiddenActivation = Activation.Sigmoid, LearningRate = 2f });

        Assert.Equal(4, relu.Correct);
        Assert.Equal(4, sigmoid.Correct);
        Assert.StartsWith("Sequential(Dense(2 => 8, relu)", relu.Model.ToString());
    }

    [Fact]
    public void RejectsImpossibleOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => XorTraining.Train(new XorTrainingOptions { HiddenWidth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => XorTraining.Train(new XorTrainingOptions { TargetLoss = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => XorTraining.Train(new XorTrainingOptions { MaxSteps = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => XorTraining.Train(new XorTrainingOptions { LearningRate = -1 }));
    }
}
