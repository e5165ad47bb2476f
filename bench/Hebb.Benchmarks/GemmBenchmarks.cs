using BenchmarkDotNet.Attributes;
using Hebb.Tensors.Kernels;

namespace Hebb.Benchmarks;

/// <summary>Hebb's public matrix product (<see cref="Gemm.Product"/>, which picks the widest micro-kernel the
/// machine has) at every shape of one training step of the note's network, on one thread.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] a = [], b = [], c = [];
    private int m, k, n;

    [Params(50, 256)]
    public int Batch { get; set; }

    [ParamsSource(nameof(Products))]
    public DenseProduct Product { get; set; } = null!;

    public static IEnumerable<DenseProduct> Products => DenseProduct.NoteNetwork();

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.ThreadCount = 1;
        (m, k, n) = Product.Dimensions(Batch);
        var random = new Random(42);
        a = Filled(random, m * k);
        b = Filled(random, k * n);
        c = Filled(random, m * n);
    }

    [Benchmark]
    public void MatrixProduct() => Gemm.Product(Product.Layout, a, b, c, m, k, n, Product.Accumulate);

    private static float[] Filled(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = random.NextSingle() * 2 - 1;
        return values;
    }
}
