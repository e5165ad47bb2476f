using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hebb.Benchmarks;

/// <summary>
/// One core's float32 peak, measured, not assumed: the rate of independent fused multiply-adds on the widest vectors
/// the JIT accelerates, which is what the GEMM's micro-kernel issues. A table of flops per cycle would be wrong on some
/// core: Zen 4 runs 512-bit FMAs at half the rate of Zen 5, and virtual machines report their nominal clock (or none)
/// while the cores run at their boost clock. The clock is measured too, for the flops per cycle it implies.
/// </summary>
public static class CorePeak
{
    // A fused multiply-add waits for the one before it when each takes the other's result: 4 cycles on
    // Zen 2 to Zen 5 and on Intel cores since Skylake. A chain of them therefore ticks at a quarter of the clock.
    private const int FmaLatencyCycles = 4;
    // Independent chains in flight: more than two FMA pipes × 4 cycles of latency, so that the pipes never wait.
    private const int Chains = 12;

    private static readonly Lazy<double> gigahertz = new(() => Best(steps => { Chain(steps, 1f); return FmaLatencyCycles * steps; }));
    private static readonly Lazy<double> gflops = new(() => Best(Throughput));

    public static double Gigahertz => gigahertz.Value;

    /// <summary>GFLOP/s of one core: 2 flops per lane per fused multiply-add.</summary>
    public static double Gflops => gflops.Value;

    private static int VectorBits => Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    public static string Description => string.Create(CultureInfo.InvariantCulture,
        $"{Gflops:F1} GFLOP/s (measured: independent {VectorBits}-bit FMAs, {Gflops / Gigahertz:F0} flop/cycle at {Gigahertz:F2} GHz, the clock from a chain of dependent FMAs, {FmaLatencyCycles} cycles each)");

    /// <summary>The highest rate of 5 trials of <paramref name="run"/>, which runs its steps and returns how many
    /// operations (cycles, flops) they were, in units of 1e9 per second.</summary>
    private static double Best(Func<long, double> run)
    {
        const long steps = 50_000_000;
        run(1000);
        double best = 0;
        for (int trial = 0; trial < 5; trial++)
        {
            long start = Stopwatch.GetTimestamp();
            double operations = run(steps);
            best = Math.Max(best, operations / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9);
        }
        return best;
    }

    // Vector512 where the JIT accelerates it (on AVX2 alone it would be emulated), else Vector256, which AVX2 and
    // 128-bit hardware both run: emulated on the latter by halves at the same rate of flops.
    private static double Throughput(long steps) => Vector512.IsHardwareAccelerated
        ? Independent512(steps / 4) * Vector512<float>.Count * 2.0
        : Independent256(steps / 4) * Vector256<float>.Count * 2.0;

    /// <summary>Runs <paramref name="steps"/> rounds of <see cref="Chains"/> independent multiply-adds of 512-bit
    /// vectors; returns how many multiply-adds of vectors that was.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Independent512(long steps)
    {
        Vector512<float> m = Vector512.Create(0.999999f), add = Vector512.Create(1e-7f);
        Vector512<float> x0 = Vector512.Create(1f), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (long i = 0; i < steps; i++)
        {
            x0 = Vector512.FusedMultiplyAdd(x0, m, add); x1 = Vector512.FusedMultiplyAdd(x1, m, add); x2 = Vector512.FusedMultiplyAdd(x2, m, add);
            x3 = Vector512.FusedMultiplyAdd(x3, m, add); x4 = Vector512.FusedMultiplyAdd(x4, m, add); x5 = Vector512.FusedMultiplyAdd(x5, m, add);
            x6 = Vector512.FusedMultiplyAdd(x6, m, add); x7 = Vector512.FusedMultiplyAdd(x7, m, add); x8 = Vector512.FusedMultiplyAdd(x8, m, add);
            x9 = Vector512.FusedMultiplyAdd(x9, m, add); x10 = Vector512.FusedMultiplyAdd(x10, m, add); x11 = Vector512.FusedMultiplyAdd(x11, m, add);
        }
        Keep(Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11));
        return steps * Chains;
    }

    /// <summary>The same with 256-bit vectors. (Not one generic method for both: one over Vector512 and Vector256 with
    /// casts through object kept its twelve accumulators on the stack, a store after every FMA in the JIT's listing.)</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static long Independent256(long steps)
    {
        Vector256<float> m = Vector256.Create(0.999999f), add = Vector256.Create(1e-7f);
        Vector256<float> x0 = Vector256.Create(1f), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0, x8 = x0, x9 = x0, x10 = x0, x11 = x0;
        for (long i = 0; i < steps; i++)
        {
            x0 = Vector256.FusedMultiplyAdd(x0, m, add); x1 = Vector256.FusedMultiplyAdd(x1, m, add); x2 = Vector256.FusedMultiplyAdd(x2, m, add);
            x3 = Vector256.FusedMultiplyAdd(x3, m, add); x4 = Vector256.FusedMultiplyAdd(x4, m, add); x5 = Vector256.FusedMultiplyAdd(x5, m, add);
            x6 = Vector256.FusedMultiplyAdd(x6, m, add); x7 = Vector256.FusedMultiplyAdd(x7, m, add); x8 = Vector256.FusedMultiplyAdd(x8, m, add);
            x9 = Vector256.FusedMultiplyAdd(x9, m, add); x10 = Vector256.FusedMultiplyAdd(x10, m, add); x11 = Vector256.FusedMultiplyAdd(x11, m, add);
        }
        Keep(Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11));
        return steps * Chains;
    }

    // Uses a result, so that the JIT keeps the loop that made it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Keep(float value) => GC.KeepAlive(value);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chain(long steps, float x)
    {
        for (long i = 0; i < steps; i += 4)
        {
            x = MathF.FusedMultiplyAdd(x, 0.999999f, 1e-7f);
            x = MathF.FusedMultiplyAdd(x, 0.999999f, 1e-7f);
            x = MathF.FusedMultiplyAdd(x, 0.999999f, 1e-7f);
            x = MathF.FusedMultiplyAdd(x, 0.999999f, 1e-7f);
        }
        return x;
    }
}
