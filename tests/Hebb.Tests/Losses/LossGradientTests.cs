using Hebb.Losses;
using Hebb.Tensors;
using Hebb.Tests.Autodiff;

namespace Hebb.Tests.Losses;

public class LossGradientTests
{
    [Fact]
    public void SoftmaxCrossEntropy() =>
        GradientCheck.Assert(x => Loss.SoftmaxCrossEntropy(x[0], [2, 0, 1, 2]), Tensor.RandomUniform(new SeededRandom(1), -3f, 3f, 4, 3));

    [Fact]
    public void MeanSquaredError()
    {
        var target = Tensor.RandomUniform(new SeededRandom(2), -1f, 1f, 3, 2);
        GradientCheck.Assert(x => Loss.MeanSquaredError(x[0], target), Tensor.RandomUniform(new SeededRandom(1), -1f, 1f, 3, 2));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits()
    {
        var targets = Tensor.FromArray([0f, 1f, 1f, 0f, 0.3f]);
        GradientCheck.Assert(x => Loss.BinaryCrossEntropyWithLogits(x[0], targets), Tensor.FromArray([-2f, -0.5f, 0.7f, 3f, 0.1f]));
    }

    [Fact]
    public void CrossEntropyIsStableForHugeLogits()
    {
        var loss = Loss.SoftmaxCrossEntropy(Tensor.FromArray([1000f, 0f, -1000f], 1, 3), [2]);
        Assert.Equal(2000f, loss.Data[0], 1e-3f);
        var bce = Loss.BinaryCrossEntropyWithLogits(Tensor.FromArray([1000f, -1000f]), Tensor.FromArray([0f, 1f]));
        Assert.Equal(1000f, bce.Data[0], 1e-3f);
    }

    [Fact]
    public void ErrorsNameTheShapesAndLabels()
    {
        var logits = Tensor.Zeros(2, 3);
        Assert.Contains("label 3", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy(logits, [0, 3])).Message);
        Assert.Contains("[2, 3]", Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy(logits, [0])).Message);
        var error = Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError(logits, Tensor.Zeros(3, 2)));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[3, 2]", error.Message);
    }
}
