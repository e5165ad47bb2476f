using System.Diagnostics;
using System.Globalization;
using Hebb.Tensors.Kernels;

namespace Hebb.Benchmarks;

/// <summary>
/// A GEMM timing that takes a minute, not BenchmarkDotNet's forty: for each product, Hebb and OpenBLAS on 1 and
/// 2 threads are called in turn, round after round, and each keeps its fastest call: the call that another program
/// did not interrupt. Interleaving gives all four the same quiet moments of a shared machine. Each turn times the
/// second of two calls in a row, as in training, where one product follows another: the first call after the other
/// candidates' wakes the threads, which both libraries let sleep when no work comes for a while. (The median over
/// rounds of two calls' ratio in the same round was tried: with the machine's load average at 10-17 it went as far
/// as 11 for two products whose fastest calls were within 30% of each other.)
/// </summary>
public static class QuickGemm
{
    // Each product runs about this many flops per candidate, at least MinRounds and at most MaxRounds calls.
    private const double FlopsPerCandidate = 2e10;
    private const int MinRounds = 20, MaxRounds = 600;

    /// <summary>Times every product that <paramref name="filters"/> names and prints one line per product:
    /// a filter is part of a <see cref="DenseProduct"/>'s name (<c>"b128 dW 1024-&gt;1024"</c>) or a shape
    /// <c>MxKxN:Layout</c> (<c>256x2048x784:AB</c>); none means every product of <see cref="DenseProduct.Measured"/>.</summary>
    public static void Run(string[] filters)
    {
        var products = Products(filters).ToList();
        if (products.Count == 0)
        {
            Console.Error.WriteLine($"quick: no product matches {string.Join(" ", filters)}; give part of a name such as \"b128 dW 1024->1024\", or MxKxN:AB|AtB|ABt");
            Environment.Exit(2);
        }
        Console.WriteLine($"Gemm kernel: {Gemm.KernelName}; peer: {OpenBlas.LibraryPath}; GFLOP/s and ratios of each one's fastest call");
        Console.WriteLine($"| product | layout | m x k x n | Hebb 1t | OpenBLAS 1t | Hebb/OpenBLAS 1t | Hebb 2t | OpenBLAS 2t | Hebb/OpenBLAS 2t | Hebb 2t/1t | OpenBLAS 2t/1t | Hebb 1t % of peak | Hebb 2t % of 2 cores' peak |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, layout, m, k, n, accumulate) in products)
            Console.WriteLine(Measure(name, layout, m, k, n, accumulate));
        Console.WriteLine($"one core's FP32 peak: {CorePeak.Description}; load average at the end: {LoadAverage()}");
    }

    private static string Measure(string name, MatrixLayout layout, int m, int k, int n, bool accumulate)
    {
        var random = new Random(42);
        float[] a = GemmBenchmarks.Filled(random, m * k), b = GemmBenchmarks.Filled(random, k * n), c = GemmBenchmarks.Filled(random, m * n);
        double flops = 2.0 * m * k * n;
        // Hebb on 1 and 2 threads, OpenBLAS on 1 and 2: the pool's and OpenMP's thread counts are set before each call.
        var candidates = new Action[]
        {
            () => { Parallelism.ThreadCount = 1; Gemm.Product(layout, a, b, c, m, k, n, accumulate); },
            () => { OpenBlas.SetThreadCount(1); OpenBlas.Product(layout, a, b, c, m, k, n, accumulate); },
            () => { Parallelism.ThreadCount = 2; Gemm.Product(layout, a, b, c, m, k, n, accumulate); },
            () => { OpenBlas.SetThreadCount(2); OpenBlas.Product(layout, a, b, c, m, k, n, accumulate); },
        };
        int rounds = Math.Clamp((int)(FlopsPerCandidate / flops), MinRounds, MaxRounds);
        var seconds = new double[candidates.Length, rounds];
        for (int round = -3; round < rounds; round++)
            for (int i = 0; i < candidates.Length; i++)
            {
                candidates[i]();
                long start = Stopwatch.GetTimestamp();
                candidates[i]();
                if (round >= 0) seconds[i, round] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        Parallelism.ThreadCount = Environment.ProcessorCount;
        double Fastest(int i) => Enumerable.Range(0, rounds).Min(round => seconds[i, round]);
        double Gflops(int i) => flops / Fastest(i) / 1e9;
        // How many times faster candidate `faster` ran than candidate `slower`.
        string Ratio(int faster, int slower) => (Fastest(slower) / Fastest(faster)).ToString("F2", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {layout} | {m}x{k}x{n} | {Gflops(0):F1} | {Gflops(1):F1} | {Ratio(0, 1)} | {Gflops(2):F1} | {Gflops(3):F1} | {Ratio(2, 3)} | {Ratio(2, 0)} | {Ratio(3, 1)} | {100 * Gflops(0) / CorePeak.Gflops:F0} | {100 * Gflops(2) / (2 * CorePeak.Gflops):F0} |");
    }

    private static IEnumerable<(string Name, MatrixLayout Layout, int M, int K, int N, bool Accumulate)> Products(string[] filters)
    {
        foreach (var product in DenseProduct.Measured())
            if (filters.Length == 0 || filters.Any(filter => product.ToString().Contains(filter, StringComparison.Ordinal)))
            {
                var (m, k, n) = product.Dimensions;
                yield return (product.ToString(), product.Layout, m, k, n, product.Accumulate);
            }
        foreach (var filter in filters)
        {
            var parts = filter.Split(':');
            var sizes = parts[0].Split('x');
            if (parts.Length != 2 || sizes.Length != 3 || !Enum.TryParse<MatrixLayout>(parts[1], out var layout)) continue;
            int[] d = sizes.Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray();
            yield return (filter, layout, d[0], d[1], d[2], layout == MatrixLayout.AtB);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
