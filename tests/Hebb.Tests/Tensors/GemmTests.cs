using Hebb.Tensors;
using Hebb.Tensors.Kernels;

namespace Hebb.Tests.Tensors;

[Collection(Training.RunsAloneCollection.Name)]
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 6, 1, 16 }, { 3, 5, 17 }, { 50, 784, 300 }, { 50, 300, 100 },
        { 50, 100, 10 }, { 13, 1023, 7 }, { 300, 50, 784 }, { 17, 33, 65 }, { 4, 256, 16 }, { 5, 257, 33 },
        { 1023, 7, 50 }, { 784, 50, 300 }, { 7, 1023, 1 }, { 1, 300, 1023 }, { 256, 784, 300 },
        // More than one block of rows (MC), of depth (KC) and of columns (NC) of the packed driver.
        { 400, 600, 40 }, { 7, 300, 4200 },
    };

    /// <summary>Every combination of 1, 7, 17 and 257 in each dimension: single rows and columns, partial panels of
    /// every kernel, and a size just past a power of two.</summary>
    public static TheoryData<int, int, int> EdgeShapes()
    {
        var data = new TheoryData<int, int, int>();
        int[] sizes = [1, 7, 17, 257];
        foreach (var m in sizes)
            foreach (var k in sizes)
                foreach (var n in sizes)
                    data.Add(m, k, n);
        return data;
    }

    /// <summary>Every micro-kernel this machine can run, so that each instruction set is tested where it exists.</summary>
    public static TheoryData<string, int, int, int> KernelsAndShapes()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var kernel in SupportedKernels())
            foreach (var (m, k, n) in new[] { (1, 1, 1), (7, 7, 7), (50, 784, 300), (784, 50, 300), (50, 300, 784), (11, 1023, 33), (33, 129, 1023), (257, 257, 257), (400, 600, 40) })
                data.Add(kernel, m, k, n);
        return data;
    }

    private static IEnumerable<string> SupportedKernels()
    {
        if (Avx512MicroKernel.IsSupported) yield return "avx512";
        if (Avx2MicroKernel.IsSupported) yield return "avx2";
        yield return "portable";
    }

    [Theory]
    [MemberData(nameof(KernelsAndShapes))]
    public void EveryMicroKernelMatchesATripleLoop(string kernel, int m, int k, int n)
    {
        var random = new SeededRandom((ulong)(m * 7 + k * 13 + n));
        var a = Tensor.RandomUniform(random, -1f, 1f, m, k).Data;
        var b = Tensor.RandomUniform(random, -1f, 1f, k, n).Data;
        var expected = Reference(a, b, m, k, n);
        foreach (var layout in Enum.GetValues<MatrixLayout>())
        {
            var first = layout == MatrixLayout.AtB ? Transposed(a, m, k) : a;
            var second = layout == MatrixLayout.ABt ? Transposed(b, k, n) : b;
            var c = new float[m * n];
            Action<MatrixLayout, float[], float[], float[], int, int, int, bool> product = kernel switch
            {
                "avx512" => Gemm.ProductWith<Avx512MicroKernel>,
                "avx2" => Gemm.ProductWith<Avx2MicroKernel>,
                _ => Gemm.ProductWith<PortableMicroKernel>,
            };
            product(layout, first, second, c, m, k, n, false);
            AssertClose(expected, c, k);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    [MemberData(nameof(EdgeShapes))]
    public void EveryLayoutMatchesATripleLoop(int m, int k, int n)
    {
        var random = new SeededRandom((ulong)(m * 1_000_000 + k * 1000 + n));
        var a = Tensor.RandomUniform(random, -1f, 1f, m, k).Data;
        var b = Tensor.RandomUniform(random, -1f, 1f, k, n).Data;
        var expected = Reference(a, b, m, k, n);

        var c = new float[m * n];
        Gemm.Product(MatrixLayout.AB, a, b, c, m, k, n, accumulate: false);
        AssertClose(expected, c, k);

        var aTransposed = Transposed(a, m, k);
        Array.Fill(c, 123f);
        Gemm.Product(MatrixLayout.AtB, aTransposed, b, c, m, k, n, accumulate: false);
        AssertClose(expected, c, k);

        var bTransposed = Transposed(b, k, n);
        Array.Fill(c, 1f);
        Gemm.Product(MatrixLayout.ABt, a, bTransposed, c, m, k, n, accumulate: true);
        AssertClose(expected.Select(v => v + 1.0).ToArray(), c, k);
    }

    /// <summary>Split by rows (200 x 784 x 300) and by columns (50 x 300 x 1024), several blocks deep: each element is
    /// summed in the same order on 1, 2 and 3 threads, so the results are bit-identical, run after run.</summary>
    [Theory]
    [InlineData(200, 784, 300)]
    [InlineData(50, 300, 1024)]
    public void ResultsDoNotDependOnTheThreadCount(int m, int k, int n)
    {
        var random = new SeededRandom(5);
        var a = Tensor.RandomUniform(random, -1f, 1f, m, k).Data;
        var b = Tensor.RandomUniform(random, -1f, 1f, k, n).Data;
        float[] Run(int threads, MatrixLayout layout)
        {
            int previous = Parallelism.ThreadCount;
            Parallelism.ThreadCount = threads;
            try
            {
                var c = new float[m * n];
                var first = layout == MatrixLayout.AtB ? Transposed(a, m, k) : a;
                var second = layout == MatrixLayout.ABt ? Transposed(b, k, n) : b;
                Gemm.Product(layout, first, second, c, m, k, n, accumulate: false);
                return c;
            }
            finally { Parallelism.ThreadCount = previous; }
        }
        foreach (var layout in Enum.GetValues<MatrixLayout>())
        {
            var single = Run(1, layout);
            Assert.Equal(single, Run(2, layout));
            Assert.Equal(single, Run(2, layout));
            Assert.Equal(single, Run(3, layout));
        }
    }

    /// <summary>Two callers at once: one has the worker pool, whose threads pack B together and wait for each other;
    /// the other finds the pool busy and runs the product alone. Both get the single thread's bits.</summary>
    [Fact]
    public async Task ProductsFromTwoThreadsAtOnceMatchOneThread()
    {
        const int m = 200, k = 784, n = 300;
        var random = new SeededRandom(11);
        var a = Tensor.RandomUniform(random, -1f, 1f, m, k).Data;
        var b = Tensor.RandomUniform(random, -1f, 1f, k, n).Data;
        int previous = Parallelism.ThreadCount;
        try
        {
            Parallelism.ThreadCount = 1;
            var expected = new float[m * n];
            Gemm.Product(MatrixLayout.AB, a, b, expected, m, k, n, accumulate: false);
            Parallelism.ThreadCount = 2;
            var callers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
            {
                var c = new float[m * n];
                for (int round = 0; round < 20; round++)
                {
                    Gemm.Product(MatrixLayout.AB, a, b, c, m, k, n, accumulate: false);
                    Assert.Equal(expected, c);
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            // A part that never reached the other's wait would hang here: the timeout turns that into a failure.
            await Task.WhenAll(callers).WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally { Parallelism.ThreadCount = previous; }
    }

    [Fact]
    public void ARepeatedProductAllocatesNothing()
    {
        var random = new SeededRandom(9);
        var a = Tensor.RandomUniform(random, -1f, 1f, 128, 784).Data;
        var b = Tensor.RandomUniform(random, -1f, 1f, 784, 1024).Data;
        var c = new float[128 * 1024];
        var layouts = Enum.GetValues<MatrixLayout>();
        foreach (var layout in layouts) Gemm.Product(layout, a, b, c, 128, 784, 1024, accumulate: false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var layout in layouts) Gemm.Product(layout, a, b, c, 128, 784, 1024, accumulate: false);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ShortArraysAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Product(MatrixLayout.AB, new float[5], new float[6], new float[4], 2, 3, 2, false));
        Assert.Contains("A holds 5", error.Message);
    }

    private static double[] Reference(float[] a, float[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += (double)a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
        return c;
    }

    private static float[] Transposed(float[] matrix, int rows, int columns)
    {
        var result = new float[matrix.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                result[c * rows + r] = matrix[r * columns + c];
        return result;
    }

    private static void AssertClose(double[] expected, float[] actual, int depth)
    {
        double tolerance = 1e-5 * Math.Sqrt(depth) * 4;
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
