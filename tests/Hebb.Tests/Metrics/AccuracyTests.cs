using Hebb.Metrics;
using Hebb.Tensors;

namespace Hebb.Tests.Metrics;

public class AccuracyTests
{
    private static readonly Tensor Logits = Tensor.FromArray(new float[,]
    {
        { 0.1f, 0.7f, 0.2f },
        { 0.5f, 0.4f, 0.1f },
        { 0.3f, 0.3f, 0.4f },
        { 0.2f, 0.2f, 0.1f },
    });

    [Fact]
    public void Top1IsTheShareOfArgmaxHits() => Assert.Equal(0.5, Accuracy.Top1(Logits, [1, 1, 2, 2]));

    [Fact]
    public void TopKCountsTiesAtTheBoundaryAsIn()
    {
        Assert.Equal(1.0, Accuracy.TopK(Logits, [1, 1, 0, 1], 2));
        // Row 3: classes 0 and 1 tie for first, so both are in the top 1, as with TensorFlow's in_top_k.
        Assert.True(Accuracy.InTopK(Logits.RowSpan(3), 0, 1));
        Assert.True(Accuracy.InTopK(Logits.RowSpan(3), 1, 1));
        Assert.False(Accuracy.InTopK([float.NaN, 1f], 1, 1));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Accuracy.Top1(Logits, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Accuracy.TopK(Logits, [0, 0, 0, 0], 0));
        Assert.Throws<ArgumentException>(() => Accuracy.Top1(Logits, [0, 0, 0, 3]));
    }
}
