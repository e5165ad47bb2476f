using BenchmarkDotNet.Attributes;
using Hebb.Tensors.Kernels;

namespace Hebb.Benchmarks;

/// <summary>Hebb's public matrix product (<see cref="Gemm.Product"/>, which picks the widest micro-kernel the
/// machine has) against OpenBLAS's <c>cblas_sgemm</c> on the same operands, at every product of one training
/// step of each network of <see cref="DenseProduct.Measured"/>, on 1 and 2 threads.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] a = [], b = [], c = [];
    private int m, k, n;

    /// <summary>The product measured.</summary>
    [ParamsSource(nameof(Products))]
    public DenseProduct Product { get; set; } = null!;

    /// <summary>Threads of Hebb's worker pool and of OpenBLAS's OpenMP team.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Every product of <see cref="DenseProduct.Measured"/>.</summary>
    public static IEnumerable<DenseProduct> Products => DenseProduct.Measured();

    /// <summary>Hebb's workers for <see cref="HebbGemm"/>; OpenBLAS is left on one thread, unused.</summary>
    [GlobalSetup(Target = nameof(HebbGemm))]
    public void SetupHebb()
    {
        Parallelism.ThreadCount = Threads;
        OpenBlas.SetThreadCount(1);
        FillOperands();
    }

    /// <summary>OpenBLAS's threads for <see cref="OpenBlasGemm"/>; Hebb's pool is left on one thread so that no
    /// worker of it waits on a core.</summary>
    [GlobalSetup(Target = nameof(OpenBlasGemm))]
    public void SetupOpenBlas()
    {
        Parallelism.ThreadCount = 1;
        OpenBlas.SetThreadCount(Threads);
        FillOperands();
    }

    /// <summary>Random operands in [-1, 1), the same for both libraries.</summary>
    private void FillOperands()
    {
        (m, k, n) = Product.Dimensions;
        var random = new Random(42);
        a = Filled(random, m * k);
        b = Filled(random, k * n);
        c = Filled(random, m * n);
    }

    /// <summary>Hebb's product.</summary>
    [Benchmark]
    public void HebbGemm() => Gemm.Product(Product.Layout, a, b, c, m, k, n, Product.Accumulate);

    /// <summary>The same product through OpenBLAS.</summary>
    [Benchmark]
    public void OpenBlasGemm() => OpenBlas.Product(Product.Layout, a, b, c, m, k, n, Product.Accumulate);

    /// <summary>Values drawn uniformly from [-1, 1).</summary>
    internal static float[] Filled(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = random.NextSingle() * 2 - 1;
        return values;
    }
}
