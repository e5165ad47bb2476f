using Hebb.Layers;
using Hebb.Tensors;
using Hebb.Tests.Autodiff;

namespace Hebb.Tests.Layers;

/// <summary>Inverted dropout: the share dropped, the scaling, the identity in evaluation, the gradient through a fixed mask.</summary>
public class DropoutTests
{
    [Fact]
    public void TrainingDropsAboutTheRateAndScalesTheRest()
    {
        var layer = new Dropout(0.25f, new SeededRandom(1));
        var output = layer.Forward(Tensor.Ones(200, 100));
        int dropped = output.Data.Count(v => v == 0f);
        Assert.InRange(dropped / 20000.0, 0.24, 0.26);
        Assert.All(output.Data.Where(v => v != 0f), v => Assert.Equal(1f / 0.75f, v));
    }

    [Fact]
    public void EvaluationIsTheIdentity()
    {
        var layer = new Dropout(0.5f, new SeededRandom(1)) { IsTraining = false };
        var input = Tensor.RandomUniform(new SeededRandom(2), -1f, 1f, 3, 4);
        Assert.Same(input, layer.Forward(input));
    }

    [Fact]
    public void TheSameSeedGivesTheSameMask()
    {
        var input = Tensor.Ones(10, 10);
        Assert.Equal(new Dropout(0.5f, new SeededRandom(9)).Forward(input).Data, new Dropout(0.5f, new SeededRandom(9)).Forward(input).Data);
    }

    [Fact]
    public void GradientsThroughAFixedMaskMatchFiniteDifferences() =>
        // A layer made anew from the same seed for every evaluation of the objective draws the same mask.
        GradientCheck.Assert(inputs => new Dropout(0.3f, new SeededRandom(4)).Forward(inputs[0]),
            Tensor.RandomUniform(new SeededRandom(5), -2f, 2f, 5, 6));

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(float.NaN)]
    public void ARateOutsideZeroToOneIsRefused(float rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(rate, new SeededRandom(1)));
}
