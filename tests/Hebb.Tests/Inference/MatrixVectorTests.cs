using Hebb.Tensors;
using Hebb.Tensors.Kernels;

namespace Hebb.Tests.Inference;

/// <summary>The matrix-vector kernel against the plain sum it computes, on every shape of its column blocks.</summary>
public class MatrixVectorTests
{
    [Theory]
    [InlineData(1, 1, 1, 0.0)]
    [InlineData(1, 5, 2, 0.5)]
    [InlineData(3, 7, 7, 0.0)]
    [InlineData(2, 9, 8, 0.3)]
    [InlineData(5, 13, 9, 0.7)]
    [InlineData(1, 40, 63, 0.5)]
    [InlineData(17, 33, 64, 0.9)]
    [InlineData(4, 20, 65, 0.2)]
    [InlineData(3, 784, 80, 0.8)]
    [InlineData(40, 100, 100, 0.5)]
    [InlineData(2, 784, 300, 0.8)]
    [InlineData(1, 300, 10, 1.0)]
    public void EachOutputIsTheBiasPlusTheProductsOfTheNonzeroInputs(int rows, int k, int n, double zeroShare)
    {
        var random = new SeededRandom((ulong)(rows * 1000 + k * 10 + n));
        var x = Values(random, rows * k, zeroShare);
        var w = Values(random, k * n, 0);
        var bias = Values(random, n, 0);
        var y = new float[rows * n];
        if (rows == 1) MatrixVector.Row(x, w, bias, n, y);
        else MatrixVector.Product(x, rows, new ColumnBlocks(w, k, n), bias, y);
        for (int r = 0; r < rows; r++)
            for (int column = 0; column < n; column++)
            {
                double expected = bias[column];
                for (int i = 0; i < k; i++) expected += (double)x[r * k + i] * w[i * n + column];
                Assert.True(Math.Abs(expected - y[r * n + column]) <= 1e-5 * Math.Max(1, Math.Abs(expected)),
                    $"y[{r}, {column}] = {y[r * n + column]}, expected {expected}");
            }
    }

    /// <summary>A single row reads W's rows whole (with 8-, 4- and 1-column pieces), a batch its column blocks; the
    /// widths cover each piece and each kind of block (wide, narrow, single columns, overlapping ones at the end).</summary>
    [Theory]
    [InlineData(120, 70)]
    [InlineData(784, 300)]
    [InlineData(300, 100)]
    [InlineData(100, 10)]
    [InlineData(33, 12)]
    [InlineData(9, 3)]
    public void ASampleGetsTheSameOutputsAloneAndInABatch(int k, int n)
    {
        var random = new SeededRandom(9);
        int rows = 37;
        var x = Values(random, rows * k, 0.6);
        var w = Values(random, k * n, 0);
        var bias = Values(random, n, 0);
        var blocks = new ColumnBlocks(w, k, n);
        var batch = new float[rows * n];
        MatrixVector.Product(x, rows, blocks, bias, batch);
        var alone = new float[n];
        for (int r = 0; r < rows; r++)
        {
            MatrixVector.Row(x.AsSpan(r * k, k), w, bias, n, alone);
            Assert.Equal(batch[(r * n)..((r + 1) * n)], alone);
        }
    }

    [Fact]
    public void ItSuitsASingleRowAndMostlyZeroRowsButNotDenseBatches()
    {
        var random = new SeededRandom(4);
        Assert.True(MatrixVector.Suits(Values(random, 100, 0), 1, 100));
        Assert.True(MatrixVector.Suits(Values(random, 1000, 0.8), 10, 100));
        Assert.False(MatrixVector.Suits(Values(random, 1000, 0.1), 10, 100));
    }

    [Fact]
    public void ShortArraysAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new ColumnBlocks(new float[17], 6, 3));
        Assert.Throws<ArgumentException>(() => MatrixVector.Product(new float[10], 2, new ColumnBlocks(new float[18], 6, 3), new float[3], new float[6]));
        Assert.Throws<ArgumentException>(() => MatrixVector.Row(new float[6], new float[17], new float[3], 3, new float[3]));
    }

    /// <summary>Values in [−1, 1), of which a share <paramref name="zeroShare"/> (on average) exactly zero.</summary>
    internal static float[] Values(SeededRandom random, int count, double zeroShare)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = random.NextDouble() < zeroShare ? 0f : (float)(2 * random.NextDouble() - 1);
        return values;
    }
}
