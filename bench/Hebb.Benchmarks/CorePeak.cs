using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Hebb.Benchmarks;

/// <summary>
/// One core's float32 peak: 32 flops per cycle (two FMA pipes × 8 float lanes × 2 flops, as on Zen 4 with AVX-512
/// or AVX2, and on Intel cores with two 256-bit FMA units) times the clock. The clock is measured, not read:
/// virtual machines report their nominal clock (or none), while the cores run at their boost clock.
/// </summary>
public static class CorePeak
{
    public const int FlopsPerCycle = 32;
    // A fused multiply-add waits for the one before it when each takes the other's result: 4 cycles on
    // Zen 2 to Zen 4 and on Intel cores since Skylake. A chain of them therefore ticks at a quarter of the clock.
    private const int FmaLatencyCycles = 4;

    private static readonly Lazy<double> gigahertz = new(MeasureClock);

    public static double Gigahertz => gigahertz.Value;

    public static double Gflops => FlopsPerCycle * Gigahertz;

    public static string Description => string.Create(CultureInfo.InvariantCulture,
        $"{FlopsPerCycle} flop/cycle x {Gigahertz:F2} GHz (measured: a chain of dependent FMAs, {FmaLatencyCycles} cycles each) = {Gflops:F1} GFLOP/s");

    private static double MeasureClock()
    {
        const long steps = 50_000_000;
        Chain(1000, 1f);
        double best = double.MaxValue;
        for (int trial = 0; trial < 5; trial++)
        {
            var clock = Stopwatch.StartNew();
            Chain(steps, 1f);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return FmaLatencyCycles * steps / best / 1e9;
    }

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
