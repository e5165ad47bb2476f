using Hebb.Tensors;
using Hebb.Tensors.Kernels;

namespace Hebb.Tests.Inference;

/// <summary>The matrix-vector kernel against the plain sum it computes, on every shape of its column blocks.</summary>
public class MatrixVectorTests
{
    // Column blocks for registers of either width, whichever this machine has (a 512-bit kernel runs emulated where
    // AVX-512 is missing): every kind of block comes out of one width or the other on the shapes below.
    private static readonly int[] AllLanes = [16, 8];

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
    [InlineData(33, 97, 129, 0.6)]
    [InlineData(5, 150, 200, 0.5)]
    [InlineData(3, 50, 130, 1.0)]
    [InlineData(70, 31, 17, 0.4)]
    public void EachOutputIsTheBiasPlusTheProductsOfTheNonzeroInputs(int rows, int k, int n, double zeroShare)
    {
        var random = new SeededRandom((ulong)(rows * 1000 + k * 10 + n));
        var x = Values(random, rows * k, zeroShare);
        var w = Values(random, k * n, 0);
        var bias = Values(random, n, 0);
        // A single row's kernel, and a batch's through column blocks for registers of each width.
        var results = new List<(string Kernel, float[] Y)>();
        var row = new float[rows * n];
        MatrixVector.Row(x.AsSpan(0, k), w, bias, n, row);
        results.Add(("row", row));
        foreach (int lanes in AllLanes)
        {
            var y = new float[rows * n];
            MatrixVector.Product(x, rows, new ColumnBlocks(w, k, n, lanes), bias, y);
            results.Add(($"blocks for {lanes} lanes", y));
        }
        foreach (var (kernel, y) in results) AssertIsTheProduct(kernel, x, kernel == "row" ? 1 : rows, k, w, n, bias, y);
    }

    /// <summary>Whole vectors of zeros (an image's borders) beside single ones, negative zeros and a row all zero: the
    /// gathers skip the first, pack the second and third away, and leave the last its bias.</summary>
    [Fact]
    public void ZerosInRunsAndAloneAndNegativeAreAllSkipped()
    {
        var random = new SeededRandom(21);
        int rows = 6, k = 200, n = 150;
        var x = Values(random, rows * k, 0.3);
        for (int i = 0; i < x.Length; i++)
            if (i / 16 % 3 == 0) x[i] = 0f;
            else if (i % 7 == 0) x[i] = -0f;
        Array.Clear(x, 2 * k, k);
        var w = Values(random, k * n, 0);
        var bias = Values(random, n, 0);
        foreach (int lanes in AllLanes)
            foreach (int columns in new[] { n, 60, 20, 5 })
            {
                var y = new float[rows * columns];
                var part = new float[k * columns];
                for (int i = 0; i < k; i++) w.AsSpan(i * n, columns).CopyTo(part.AsSpan(i * columns, columns));
                MatrixVector.Product(x, rows, new ColumnBlocks(part, k, columns, lanes), bias, y);
                AssertIsTheProduct($"{columns} columns, blocks for {lanes} lanes", x, rows, k, part, columns, bias, y);
            }
    }

    private static void AssertIsTheProduct(string kernel, float[] x, int rows, int k, float[] w, int n, float[] bias, float[] y)
    {
        for (int r = 0; r < rows; r++)
            for (int column = 0; column < n; column++)
            {
                double expected = bias[column];
                for (int i = 0; i < k; i++) expected += (double)x[r * k + i] * w[i * n + column];
                Assert.True(Math.Abs(expected - y[r * n + column]) <= 1e-5 * Math.Max(1, Math.Abs(expected)),
                    $"{kernel}: y[{r}, {column}] = {y[r * n + column]}, expected {expected}");
            }
    }

    /// <summary>A single row reads W's rows whole (with 8-, 4- and 1-column pieces), a batch its column blocks; the
    /// widths cover each piece, and each width of block that fits (with overlapping ones at the end).</summary>
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
        var alone = new float[n];
        foreach (int lanes in AllLanes)
        {
            var batch = new float[rows * n];
            MatrixVector.Product(x, rows, new ColumnBlocks(w, k, n, lanes), bias, batch);
            for (int r = 0; r < rows; r++)
            {
                MatrixVector.Row(x.AsSpan(r * k, k), w, bias, n, alone);
                Assert.Equal(batch[(r * n)..((r + 1) * n)], alone);
            }
        }
    }

    /// <summary>Eight registers while they fit, the rest in one block of eight or four ending at n; four registers
    /// (two rows at once) from half of eight; single registers or columns below that.</summary>
    [Theory]
    [InlineData(300, 16, "Wide512@0 Wide512@128 Pair512@236")]
    [InlineData(200, 16, "Wide512@0 Wide512@72")]
    [InlineData(100, 16, "Pair512@0 Pair512@36")]
    [InlineData(40, 16, "Narrow512@0 Narrow512@16 Narrow512@24")]
    [InlineData(10, 16, "Narrow256@0 Narrow256@2")]
    [InlineData(300, 8, "Wide256@0 Wide256@64 Wide256@128 Wide256@192 Wide256@236")]
    [InlineData(40, 8, "Pair256@0 Pair256@8")]
    [InlineData(3, 8, "Scalar@0 Scalar@1 Scalar@2")]
    public void BlocksAreTheFewestWideOnesThatCoverTheColumns(int n, int lanes, string expected)
    {
        var blocks = new ColumnBlocks(new float[2 * n], 2, n, lanes);
        Assert.Equal(expected, string.Join(" ", Enumerable.Range(0, blocks.Count).Select(block => $"{blocks.Kernel(block)}@{blocks.Start(block)}")));
    }

    [Fact]
    public void ItSuitsASingleRowAndMostlyZeroRowsButNotDenseBatches()
    {
        var random = new SeededRandom(4);
        Assert.True(MatrixVector.Suits(Values(random, 784, 0), 1, 784, 300));
        Assert.True(MatrixVector.Suits(Values(random, 7840, 0.8), 10, 784, 300));
        Assert.False(MatrixVector.Suits(Values(random, 7840, 0.1), 10, 784, 300));
        // Ten columns cost a batch as much per input as 128 would: not worth it at half zeros.
        Assert.False(MatrixVector.Suits(Values(random, 1000, 0.5), 10, 100, 10));
    }

    [Fact]
    public void ShortArraysAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new ColumnBlocks(new float[17], 6, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColumnBlocks(new float[180], 6, 30, 12));
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
