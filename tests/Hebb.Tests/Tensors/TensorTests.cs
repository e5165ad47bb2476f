using Hebb.Autodiff;
using Hebb.Tensors;

namespace Hebb.Tests.Tensors;

public class TensorTests
{
    [Fact]
    public void CreationGivesTheShapeAndValues()
    {
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f], Tensor.Zeros(2, 3).Data);
        Assert.Equal([1f, 1f], Tensor.Ones(2).Data);
        var matrix = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([2, 3], matrix.Shape);
        Assert.Equal(6f, matrix[1, 2]);
        Assert.Equal(0, Tensor.Scalar(3f).Rank);
        Assert.Equal([2, 0], Tensor.Zeros(2, 0).Shape);
    }

    [Fact]
    public void MismatchedDataAndShapeIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tensor(new float[5], 2, 3));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros(2, 3)[2, 0]);
    }

    [Fact]
    public void SeededRandomTensorsRepeat()
    {
        var first = Tensor.RandomNormal(new SeededRandom(42), 0f, 1f, 100);
        var second = Tensor.RandomNormal(new SeededRandom(42), 0f, 1f, 100);
        var other = Tensor.RandomNormal(new SeededRandom(43), 0f, 1f, 100);
        Assert.Equal(first.Data, second.Data);
        Assert.NotEqual(first.Data, other.Data);
    }

    [Fact]
    public void DistributionsHaveTheirMoments()
    {
        var random = new SeededRandom(1);
        var normal = Tensor.RandomNormal(random, 1f, 2f, 100_000).Data;
        Assert.Equal(1.0, normal.Average(), 0.03);
        Assert.Equal(2.0, StandardDeviation(normal), 0.03);

        var uniform = Tensor.RandomUniform(random, -3f, 1f, 100_000).Data;
        Assert.All(uniform, v => Assert.InRange(v, -3f, 1f));
        Assert.Equal(-1.0, uniform.Average(), 0.03);

        var truncated = Tensor.TruncatedNormal(random, 0f, 0.5f, 100_000).Data;
        Assert.All(truncated, v => Assert.InRange(v, -1f, 1f));
        // A standard normal cut at ±2 has standard deviation 0.8796.
        Assert.Equal(0.5 * 0.8796, StandardDeviation(truncated), 0.01);
    }

    [Fact]
    public void ReductionsAlongAnAxis()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 5, 3 }, { 4, 2, 6 } });
        Assert.Equal([5f, 7f, 9f], Ops.Sum(x, 0).Data);
        Assert.Equal([9f, 12f], Ops.Sum(x, 1).Data);
        Assert.Equal([3f, 4f], Ops.Mean(x, -1).Data);
        Assert.Equal([5f, 6f], Ops.Max(x, 1).Data);
        Assert.Equal([1, 2], Ops.ArgMax(x, 1));
        Assert.Equal([1, 0, 1], Ops.ArgMax(x, 0));
        Assert.Equal(21f, Ops.Sum(x).Data[0]);
    }

    [Fact]
    public void ShapeOperations()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], Ops.Transpose(x).Data);
        Assert.Equal([3, 2], Ops.Reshape(x, -1, 2).Shape);
        Assert.Equal([4f, 5f, 6f], Ops.SliceRows(x, 1, 1).Data);
        Assert.Throws<ArgumentException>(() => Ops.Reshape(x, 4, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.SliceRows(x, 1, 2));
    }

    [Fact]
    public void ElementwiseOperationsBroadcastARow()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        var row = Tensor.FromArray([10f, 20f]);
        Assert.Equal([11f, 22f, 13f, 24f], (x + row).Data);
        Assert.Equal([11f, 22f, 13f, 24f], (row + x).Data);
        Assert.Equal([-9f, -18f, -7f, -16f], (x - row).Data);
        Assert.Equal([9f, 18f, 7f, 16f], (row - x).Data);
        Assert.Equal([10f, 40f, 30f, 80f], (x * row).Data);
    }

    private static double StandardDeviation(float[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
