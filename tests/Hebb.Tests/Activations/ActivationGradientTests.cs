using Hebb.Activations;
using Hebb.Tensors;
using Hebb.Tests.Autodiff;

namespace Hebb.Tests.Activations;

public class ActivationGradientTests
{
    public static TheoryData<string> Names() => [.. Activation.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void BackwardMatchesFiniteDifferences(string name)
    {
        var activation = Activation.Parse(name);
        // Heaviside's derivative is zero away from 0, and finite differences agree there.
        GradientCheck.Assert(x => activation.Apply(x[0]), GradientCheck.AwayFromZero(3, 0.05f, 4, 5));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ScalarDerivativeMatchesFiniteDifferences(string name)
    {
        if (Activation.Parse(name) is not ElementwiseActivation activation) return;
        foreach (var z in new[] { -4f, -1.3f, -0.2f, 0.3f, 1.7f, 4.5f })
        {
            const double h = 1e-3;
            double numeric = (activation.Value((float)(z + h)) - (double)activation.Value((float)(z - h))) / (2 * h);
            Assert.Equal(numeric, activation.Derivative(z), 2e-3);
        }
    }

    [Fact]
    public void SigmoidIsFiniteForLargeInputs()
    {
        var output = Activation.Sigmoid.Apply(Tensor.FromArray([-1000f, -90f, 0f, 90f, 1000f]));
        Assert.Equal([0f, 0f, 0.5f, 1f, 1f], output.Data);
        var scalar = (ElementwiseActivation)Activation.Sigmoid;
        Assert.Equal(0f, scalar.Value(-1000f));
        Assert.Equal(1f, scalar.Value(1000f));
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxAreStableForHugeLogits()
    {
        var logits = Tensor.FromArray([1000f, 1001f, 1002f, -1000f, -1001f, -1002f], 2, 3);
        var softmax = Activation.Softmax.Apply(logits);
        var logSoftmax = Activation.LogSoftmax.Apply(logits);
        Assert.All(softmax.Data, v => Assert.True(float.IsFinite(v)));
        Assert.All(logSoftmax.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(0.66524096f, softmax.Data[2], 1e-6f);
        Assert.Equal(-2.4076059f, logSoftmax.Data[0], 1e-5f);
    }

    [Fact]
    public void HeavisideIsTheStepOfTheNote()
    {
        var output = Activation.Heaviside.Apply(Tensor.FromArray([-0.5f, 0f, 0.5f]));
        Assert.Equal([0f, 1f, 1f], output.Data);
    }

    [Fact]
    public void ParseKnowsEveryNameAndRejectsOthers()
    {
        foreach (var activation in Activation.All) Assert.Same(activation, Activation.Parse(activation.Name));
        Assert.Same(Activation.Heaviside, Activation.Parse("step"));
        Assert.Same(Activation.LeakyRelu, Activation.Parse("leaky-relu"));
        var error = Assert.Throws<ArgumentException>(() => Activation.Parse("swish"));
        Assert.Contains("relu", error.Message);
    }
}
